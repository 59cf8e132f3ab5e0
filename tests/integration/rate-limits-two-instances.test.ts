import { currentClient } from '../support/database';
import {
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';
import { startBudgetWorker } from '../support/strapi';

// Two processes need a database server to share; SQLite is one file for one process here.
const shared = ['postgres', 'mysql'].includes(currentClient());
const LIMIT = 50;
const minuteOf = (ms: number) => Math.floor(ms / 60_000);

(shared ? describe : describe.skip)(
  `two Strapi instances share one rate limit on one ${currentClient()} database`,
  () => {
    const { app, stub } = setupGatewayFixture({
      stub: { defaultBehavior: { usage: { input: 1, output: 10 } } },
    });

    it(`200 concurrent calls over two instances: at most ${LIMIT} admitted in the minute`, async () => {
      const { model, configuration } = await withConfiguredModel(app.strapi, stub, {
        model: { modelId: 'shared-rate', priceInput: '1', priceOutput: '1' },
        configuration: { maxOutputTokens: 100 },
      });
      await app.strapi
        .plugin('llm')
        .service('rate-limit')
        .create({ scope: 'configuration', subjectId: configuration.id, requestsPerMinute: LIMIT });

      const worker = await startBudgetWorker(app.db, configuration.id, 100);
      // Both bursts inside one minute (the workers run on real time): start early in a minute.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 40_000)
        await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 500));
      const started = Date.now();
      worker.go();
      const mine = await Promise.allSettled(
        Array.from({ length: 100 }, (_, i) =>
          llm(app.strapi).chat({ configuration: configuration.id, prompt: `main ${i}`, user: null })
        )
      );
      expect(await worker.finished).toBe(0);
      const oneMinute = minuteOf(started) === minuteOf(Date.now());
      const theirs = worker.tally();

      const served = mine.filter((o) => o.status === 'fulfilled').length + theirs.served;
      const refused =
        mine.filter(
          (o) =>
            o.status === 'rejected' &&
            (o as PromiseRejectedResult).reason.code === 'rate_limit_exceeded'
        ).length + theirs.refused;
      expect(theirs.other).toEqual([]);
      const mineOther = mine.filter(
        (o) =>
          o.status === 'rejected' &&
          (o as PromiseRejectedResult).reason.code !== 'rate_limit_exceeded'
      );
      expect(mineOther.map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
      expect(served + refused).toBe(200);
      // Within one minute exactly the limit; a burst across a boundary may take two minutes' worth.
      if (oneMinute) expect(served).toBe(LIMIT);
      else expect(served).toBeLessThanOrEqual(2 * LIMIT);
      expect(stub.requests).toHaveLength(served);

      await flushUsage(app.strapi);
      const rows = await usageRows(app.strapi, { modelId: model.id });
      expect(rows.filter((r) => r.success)).toHaveLength(served);
      expect(rows.filter((r) => r.errorCode === 'rate_limit_exceeded')).toHaveLength(refused);
    });
  }
);
