import type { Knex } from 'knex';
import { currentClient } from '../support/database';
import {
  createModel,
  createStubProvider,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
} from '../support/fixtures';
import { expectRollupsEqualEvents, rollupTotal } from '../support/rollups-expected';

describe(`usage events and daily rollups stay equal and nothing is lost (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({ stub: { resetBeforeEach: true } });
  let provider: any;

  beforeAll(async () => {
    // A generous timeout: 500 concurrent calls on a busy 2-core machine must not fail for slowness.
    provider = await createStubProvider(app.strapi, stub, { timeoutMs: 60_000 });
  });

  it('500 concurrent calls: every event stored exactly once, rollups equal the sum of events', async () => {
    const model = await createModel(app.strapi, provider, {
      modelId: 'concurrent',
      priceInput: '0.075',
      priceOutput: '0.6',
      priceCacheRead: '0.0375',
    });
    stub.defaultBehavior = { usage: { input: 1_337, cacheRead: 300, output: 421 } };
    const users = [null, 1, 2, 3, 4];

    const results = await Promise.allSettled(
      Array.from({ length: 500 }, (_, i) =>
        llm(app.strapi).chat({
          model: model.id,
          prompt: `call ${i}`,
          user: users[i % users.length],
          source: i % 2 ? 'odd' : 'even',
        })
      )
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    await flushUsage(app.strapi);

    const events = (await expectRollupsEqualEvents(app.strapi)).filter(
      (e) => e.modelId === model.id
    );
    expect(events).toHaveLength(500);
    expect(new Set(events.map((e) => e.requestId)).size).toBe(500);
    const perCall = 1_037n * 75_000n + 300n * 37_500n + 421n * 600_000n;
    const total = (await rollupTotal(app.strapi, 'model', model.id)).costNano;
    // Each call rounds once to the nano-dollar; 500 identical calls sum exactly.
    expect(total).toBe(500n * ((perCall + 500n) / 1000n));
  });

  it('spools events while the usage table is unreachable and replays them once, without duplicates', async () => {
    const model = await createModel(app.strapi, provider, {
      modelId: 'spooled',
      priceInput: '1',
      priceOutput: '1',
    });
    const knex = app.strapi.db.connection as unknown as Knex;
    const table = app.strapi.db.metadata.get('plugin::llm.usage').tableName;

    await knex.schema.renameTable(table, `${table}_away`);
    let calls: Array<{ usage: { requestId: string } }>;
    try {
      calls = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          llm(app.strapi).chat({ model: model.id, prompt: `outage ${i}` })
        )
      );
      await flushUsage(app.strapi);
      expect(app.strapi.plugin('llm').service('usage').stats().spooled).toBeGreaterThanOrEqual(20);
    } finally {
      await knex.schema.renameTable(`${table}_away`, table);
    }
    expect(await usageRows(app.strapi, { modelId: model.id })).toHaveLength(0);

    await app.strapi.plugin('llm').service('usage').replay();
    // A second replay finds nothing left and must not double count.
    await app.strapi.plugin('llm').service('usage').replay();

    const events = (await expectRollupsEqualEvents(app.strapi)).filter(
      (e) => e.modelId === model.id
    );
    expect(events.map((e) => e.requestId).sort()).toEqual(
      calls!.map((c) => c.usage.requestId).sort()
    );
  });

  it('writes an event already stored only once (replays are idempotent by request id)', async () => {
    const model = await createModel(app.strapi, provider, {
      modelId: 'idempotent',
      priceInput: '1',
      priceOutput: '1',
    });
    const { usage } = await llm(app.strapi).chat({ model: model.id, prompt: 'once' });
    await flushUsage(app.strapi);
    const [row] = await usageRows(app.strapi, { requestId: usage.requestId });

    const { createUsageStore } = await import('../../server/src/usage/store');
    const store = createUsageStore(app.strapi);
    const replayed = {
      ...row,
      occurredAt: new Date(row.occurredAt),
      costNano: BigInt(row.costNano),
      seeded: false,
    };
    for (const key of ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale'])
      delete (replayed as any)[key];
    expect(await store.writeBatch([replayed as any, replayed as any])).toBe(0);

    await expectRollupsEqualEvents(app.strapi);
    expect(await usageRows(app.strapi, { modelId: model.id })).toHaveLength(1);
  });
});
