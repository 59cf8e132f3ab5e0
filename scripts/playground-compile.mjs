/**
 * Compiles the playground, a TypeScript Strapi app like the ones create-strapi-app makes, into
 * playground/dist, as `strapi develop` and `strapi build` do. Tests and benchmarks boot that
 * output (createStrapi({ appDir, distDir })), so they compile once before they start.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export async function compilePlayground() {
  const { compileStrapi } = require('@strapi/strapi');
  const started = Date.now();
  const { distDir } = await compileStrapi({ appDir: path.join(root, 'playground') });
  console.log(`playground compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return distDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await compilePlayground();
