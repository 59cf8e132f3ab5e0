/**
 * After `npm run build`: every server entry of the package loads, the way an app loads it, through
 * the package's own name and `exports` (CommonJS as Strapi requires it, ESM as a tool importing it
 * would). `strapi-plugin verify` checks that the files exist; this checks that they run.
 * The admin entry needs a browser and Strapi's admin; the browser tests and the consumer test load it.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const checks = [];

for (const [how, load] of [
  ['require', (id) => Promise.resolve(require(id))],
  ['import', (id) => import(id)],
]) {
  for (const id of ['strapi-plugin-llm', 'strapi-plugin-llm/strapi-server']) {
    const entry = await load(id);
    const plugin = entry.default?.register ? entry.default : entry.default?.default;
    assert.equal(typeof plugin?.register, 'function', `${how} ${id}: no plugin with register()`);
    assert.equal(typeof entry.LlmError, 'function', `${how} ${id}: no LlmError class`);
    assert.equal(
      typeof entry.BudgetExceededError,
      'function',
      `${how} ${id}: no BudgetExceededError`
    );
    checks.push(`${how} ${id}`);
  }
}
console.log(`exports load: ${checks.join(', ')}`);
