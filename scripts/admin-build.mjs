/**
 * Builds the playground's admin panel (Vite) when the admin sources changed since the last build.
 * The browser tests serve that build; rebuilding only when needed saves about a minute per run.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const playground = path.join(root, 'playground');
// A TypeScript app's admin build goes to its compiled output folder (dist/build), beside the server.
const buildDir = path.join(playground, 'dist', 'build');
const stampFile = path.join(buildDir, '.llm-sources-hash');
// The playground loads the plugin's built admin (package.json exports, `./strapi-admin` import).
const INPUTS = [
  'dist/admin',
  'package.json',
  'playground/package.json',
  'playground/config',
  'playground/src',
];

function* files(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    yield entry;
    return;
  }
  for (const name of fs.readdirSync(entry).sort()) yield* files(path.join(entry, name));
}

function sourcesHash() {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(path.join(root, input))) {
      hash.update(path.relative(root, file));
      hash.update(fs.readFileSync(file));
    }
  }
  return hash.digest('hex');
}

export function ensureAdminBuild({ force = false } = {}) {
  const hash = sourcesHash();
  const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (!force && current === hash && fs.existsSync(path.join(buildDir, 'index.html'))) {
    console.log('admin build is up to date');
    return;
  }
  console.log('building the playground admin panel (strapi build)…');
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/@strapi/strapi/bin/strapi.js'), 'build'],
    {
      cwd: playground,
      stdio: 'inherit',
      env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production' },
    }
  );
  if (result.status !== 0) throw new Error(`strapi build exited ${result.status}`);
  fs.writeFileSync(stampFile, hash);
  console.log(`admin build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  ensureAdminBuild({ force: process.argv.includes('--force') });
