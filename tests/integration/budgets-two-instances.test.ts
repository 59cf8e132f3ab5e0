import { currentClient } from '../support/database';
import {
  createSiteBudget,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';
import { startBudgetWorker } from '../support/strapi';

// Two processes need a database server to share; SQLite is one file for one process here.
const shared = ['postgres', 'mysql'].includes(currentClient());

(shared ? describe : describe.skip)(
  `two Strapi instances share one budget on one ${currentClient()} database`,
  () => {
    const { app, stub } = setupGatewayFixture({
      stub: { defaultBehavior: { usage: { input: 1, output: 500 } } },
    });

    it('never lets the two together overshoot the limit, and every call is served or refused', async () => {
      const { model, configuration } = await withConfiguredModel(app.strapi, stub, {
        model: { modelId: 'shared-budget', priceInput: '1', priceOutput: '1' },
        configuration: { maxOutputTokens: 1000 },
      });
      await createSiteBudget(app.strapi, '0.05', 'shared');

      const worker = await startBudgetWorker(app.db, configuration.id, 100);

      worker.go();
      // Both instances in the race before this one's burst (see firstServed).
      await worker.firstServed;
      const mine = await Promise.allSettled(
        Array.from({ length: 100 }, (_, i) =>
          llm(app.strapi).chat({ configuration: configuration.id, prompt: `main ${i}`, user: null })
        )
      );
      expect(await worker.finished).toBe(0);
      const theirs = worker.tally();

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
