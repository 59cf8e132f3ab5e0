import { spawn } from 'node:child_process';
import path from 'node:path';
import { currentClient } from '../support/database';
import {
  createConfiguration,
  createModel,
  createProvider,
  flushUsage,
  llm,
  usageRows,
} from '../support/fixtures';
import { REPO_ROOT } from '../support/paths';
import { startStrapi, type TestApp } from '../support/strapi';
import { StubProvider } from '../support/stub-provider';

// Two processes need a database server to share; SQLite is one file for one process here.
const shared = ['postgres', 'mysql'].includes(currentClient());

(shared ? describe : describe.skip)(
  `two Strapi instances share one budget on one ${currentClient()} database`,
  () => {
    let app: TestApp;
    const stub = new StubProvider();

    beforeAll(async () => {
      await stub.start();
      stub.defaultBehavior = { usage: { input: 1, output: 500 } };
      app = await startStrapi();
    });

    afterAll(async () => {
      await app?.stop();
      await stub.stop();
    });

    it('never lets the two together overshoot the limit, and every call is served or refused', async () => {
      const provider = await createProvider(app.strapi, {
        adapter: 'openai',
        baseURL: `${stub.url}/v1`,
      });
      const model = await createModel(app.strapi, provider, {
        modelId: 'shared-budget',
        priceInput: '1',
        priceOutput: '1',
      });
      const configuration = await createConfiguration(app.strapi, model, { maxOutputTokens: 1000 });
      await app.strapi.plugin('llm').service('budget').create({
        name: 'shared',
        scope: 'site',
        monthlyCost: '0.05',
        onExceed: 'block',
        active: true,
      });

      const worker = spawn(
        process.execPath,
        [
          path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
          path.join(REPO_ROOT, 'tests/support/budget-worker.ts'),
          String(configuration.id),
          '100',
        ],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, ...app.db.env },
          stdio: ['pipe', 'pipe', 'inherit'],
        }
      );
      let output = '';
      const ready = new Promise<void>((resolve, reject) => {
        worker.stdout.on('data', (chunk) => {
          output += chunk;
          if (output.includes('READY')) resolve();
        });
        worker.on('exit', (code) =>
          reject(new Error(`worker exited ${code} before READY: ${output}`))
        );
      });
      await ready;
      const finished = new Promise<number | null>((resolve) => worker.on('exit', resolve));

      worker.stdin.write('GO\n');
      const mine = await Promise.allSettled(
        Array.from({ length: 100 }, (_, i) =>
          llm(app.strapi).chat({ configuration: configuration.id, prompt: `main ${i}`, user: null })
        )
      );
      expect(await finished).toBe(0);
      const theirs = JSON.parse(output.split('RESULT ')[1]);

      const served = mine.filter((o) => o.status === 'fulfilled').length + theirs.served;
      const refused =
        mine.filter(
          (o) =>
            o.status === 'rejected' &&
            (o as PromiseRejectedResult).reason.code === 'budget_exceeded'
        ).length + theirs.refused;
      expect(theirs.other).toEqual([]);
      expect(served + refused).toBe(200);
      expect(theirs.served).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);

      await flushUsage(app.strapi);
      const rows = await usageRows(app.strapi, { modelId: model.id });
      const spent = rows.filter((r) => r.success).reduce((sum, r) => sum + BigInt(r.costNano), 0n);
      expect(rows.filter((r) => r.success)).toHaveLength(served);
      expect(spent).toBeLessThanOrEqual(50_000_000n);
      const [counter] = await app.strapi.db.query('plugin::llm.budget-counter').findMany({});
      expect(BigInt(counter.monthCostNano)).toBe(spent);
    });
  }
);
