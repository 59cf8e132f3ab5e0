/**
 * A Strapi instance in its own process under steady load, for crash tests: boots on the database
 * named by the DATABASE_* variables, says READY, waits for GO, then keeps `concurrency` chat calls
 * in flight forever, printing `START <n>` before each call and `OK <requestId>` when one returns.
 * The test kills it (SIGTERM or SIGKILL) whenever it likes.
 *
 *   tsx tests/support/load-worker.ts <modelId> <concurrency>
 */
import readline from 'node:readline';
import { databaseFromEnv } from './database';
import { startStrapi } from './strapi';

async function main() {
  const [modelId, concurrency] = process.argv.slice(2).map(Number);
  const app = await startStrapi({ database: databaseFromEnv() });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out('READY');
  const lines = readline.createInterface({ input: process.stdin });
  await new Promise<void>((resolve) =>
    lines.on('line', (line) => line.trim() === 'GO' && resolve())
  );

  const llm = app.strapi.plugin('llm').service('llm');
  let next = 0;
  const loop = async () => {
    for (;;) {
      const n = next++;
      out(`START ${n}`);
      try {
        const result = await llm.chat({ model: modelId, prompt: `load ${n}`, user: null });
        out(`OK ${result.usage.requestId}`);
      } catch (error) {
        out(`FAIL ${n} ${(error as Error).message.replace(/\s+/g, ' ')}`);
      }
    }
  };
  for (let i = 0; i < concurrency; i += 1) void loop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
