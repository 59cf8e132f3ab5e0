import { createTestDatabase, currentClient, SERVERS, type TestDatabase } from '../support/database';
import {
  createModel,
  createStubProvider,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
} from '../support/fixtures';
import { expectRollupsEqualEvents } from '../support/rollups-expected';
import { TcpProxy } from '../support/tcp-proxy';

const OUTAGE_MS = 30_000;
// The outage is a network cut between Strapi and its database server; SQLite has no network.
const networked = currentClient() === 'postgres' || currentClient() === 'mysql';

(networked ? describe : describe.skip)(
  `database outage of ${OUTAGE_MS / 1000} s under load (${currentClient()}, through a TCP proxy)`,
  () => {
    let proxy: TcpProxy;
    let database: TestDatabase;

    beforeAll(async () => {
      const server = SERVERS[currentClient() as 'postgres' | 'mysql'];
      proxy = new TcpProxy({ host: server.host, port: server.port });
      const port = await proxy.start();
      const db = await createTestDatabase();
      database = { ...db, env: { ...db.env, DATABASE_PORT: String(port) } };
    });

    const { app, stub } = setupGatewayFixture({
      database: () => database,
      env: { DATABASE_CONNECTION_TIMEOUT: '2000', LLM_FLUSH_INTERVAL_MS: '100' },
      stub: { defaultBehavior: { usage: { input: 120, output: 30 } } },
      beforeStop: () => proxy?.restore(),
    });

    afterAll(async () => {
      await proxy?.stop();
    });

    it('keeps serving calls, spools their events, and replays every one exactly once when the database is back', async () => {
      const provider = await createStubProvider(app.strapi, stub);
      const model = await createModel(app.strapi, provider, {
        modelId: 'outage-model',
        priceInput: '1',
        priceOutput: '1',
      });
      const call = (i: number) =>
        llm(app.strapi).chat({ model: model.id, prompt: `outage ${i}`, user: null });
      // Before: warm caches (model, budgets) the way a running site has them.
      const before = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i)));
      await flushUsage(app.strapi);

      proxy.cutOff();
      const during: string[] = [];
      const failures: unknown[] = [];
      const until = Date.now() + OUTAGE_MS;
      let i = 100;
      while (Date.now() < until) {
        const batch = await Promise.allSettled(Array.from({ length: 10 }, () => call(i++)));
        for (const outcome of batch) {
          if (outcome.status === 'fulfilled') during.push(outcome.value.usage.requestId);
          else failures.push(outcome.reason);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(failures).toEqual([]);
      expect(during.length).toBeGreaterThan(100);
      expect(app.strapi.plugin('llm').service('usage').stats().spooled).toBeGreaterThan(0);

      proxy.restore();
      const after = await Promise.all(Array.from({ length: 20 }, (_, n) => call(10_000 + n)));
      // The writer retries the spool on its own every few seconds; wait for it rather than forcing it.
      const expected = [...before, ...after].map((r) => r.usage.requestId).concat(during);
      const deadline = Date.now() + 60_000;
      let rows: any[] = [];
      while (Date.now() < deadline) {
        await flushUsage(app.strapi).catch(() => undefined);
        rows = await usageRows(app.strapi, { modelId: model.id });
        if (rows.length >= expected.length) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await app.strapi.plugin('llm').service('usage').replay();
      rows = await usageRows(app.strapi, { modelId: model.id });
      expect(rows.map((r) => r.requestId).sort()).toEqual([...expected].sort());
      await expectRollupsEqualEvents(app.strapi);
      console.log(
        `outage: ${during.length} calls served during ${OUTAGE_MS / 1000} s without a database, all ${rows.length} events stored once`
      );
    }, 180_000);
  }
);
