/**
 * A second Strapi instance in its own process, on the same database as the test that spawned it:
 * boots, says READY, waits for GO on stdin, fires `count` calls at once, prints its tally as JSON.
 *
 *   tsx tests/support/budget-worker.ts <configurationId> <count>   (database from DATABASE_* variables;
 *   BUDGET_WORKER_PROMPT, if set, starts every prompt; BUDGET_WORKER_API_TOKEN, if set, is the
 *   API token id every call carries)
 */
import readline from 'node:readline';
import { databaseFromEnv } from './database';
import { startStrapi } from './strapi';

/** The refusals a control answers before any provider is asked (a budget, a rate limit). */
const REFUSED = new Set(['budget_exceeded', 'rate_limit_exceeded']);
const refusedCode = (reason: unknown) => REFUSED.has((reason as { code?: string }).code ?? '');

async function main() {
  const [configurationId, count] = process.argv.slice(2).map(Number);
  const app = await startStrapi({ database: databaseFromEnv() });
  console.log('READY');
  const lines = readline.createInterface({ input: process.stdin });
  await new Promise<void>((resolve) =>
    lines.on('line', (line) => line.trim() === 'GO' && resolve())
  );

  const llm = app.strapi.plugin('llm').service('llm');
  let served = false;
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      llm
        .chat({
          configuration: configurationId,
          prompt: `${process.env.BUDGET_WORKER_PROMPT ?? ''}worker ${i}`,
          user: null,
          ...(process.env.BUDGET_WORKER_API_TOKEN && {
            apiTokenId: Number(process.env.BUDGET_WORKER_API_TOKEN),
          }),
        })
        .then((result: unknown) => {
          // The first served call tells the test this instance is in the race (see firstServed).
          if (!served) console.log('SERVED');
          served = true;
          return result;
        })
    )
  );
  const tally = {
    served: outcomes.filter((o) => o.status === 'fulfilled').length,
    refused: outcomes.filter((o) => o.status === 'rejected' && refusedCode(o.reason)).length,
    other: outcomes
      .filter((o) => o.status === 'rejected' && !refusedCode(o.reason))
      .map((o) => String((o as PromiseRejectedResult).reason)),
  };
  await app.stop({ keepDatabase: true });
  console.log(`RESULT ${JSON.stringify(tally)}`);
  lines.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
