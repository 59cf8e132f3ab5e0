#!/usr/bin/env node
/**
 * Consumer test (issue #16): proves the packed plugin works in a fresh Strapi 5.54.0 TypeScript app.
 *
 *   node scripts/consumer-test.mjs [--no-build] [--keep] [--no-cache] [--refresh-cache]
 *
 *  1. `npm run build` (unless --no-build) and `npm pack` the plugin into a temp folder.
 *  2. A fresh app from `create-strapi-app@5.54.0` (TypeScript, npm, SQLite, no example, no git, no
 *     Strapi Cloud, not run), created once and cached with its node_modules in
 *     ${XDG_CACHE_HOME:-~/.cache}/strapi-llm-consumer/app-5.54.0, then copied to a temp folder.
 *  3. `npm install <tarball>`, tests/consumer/app/** copied over the app (config/plugins.ts enabling
 *     the plugin, an /api/ask route whose controller uses the plugin's public types), and
 *     `tsc --noEmit -p .` in the app (the type test).
 *  4. `NODE_ENV=production npm run build`, `npm run start` on a free port of 127.0.0.1 (SQLite).
 *  5. The first admin registered over HTTP; a provider (on a local provider stub), a model and a
 *     configuration created through the Content Manager API; one POST /api/ask through the plugin.
 *  6. Chromium (playwright-core, headless): login form, LLM › Analytics, the providers list view
 *     (30-day usage columns), a provider's edit view. Any console error, uncaught error or failed
 *     request (status ≥ 400 or network failure) to the app's origin fails the run; all are printed.
 *     Screenshots in artifacts/consumer/.
 *  7. Server stopped, `npx strapi-llm seed-usage --days 14 --per-day 50` (NODE_ENV=development),
 *     server started again: the analytics admin API and the Analytics page must show the figures.
 *
 * Prints a timing line per step and the total; exits 1 on any failure, after printing them all.
 * The server and every other process it started are killed on exit, failure and Ctrl-C included.
 *
 * Flags:
 *   --no-build       pack the plugin as it is (skip `npm run build`)
 *   --keep           keep the temp folder (app, tarball, logs) and print its path
 *   --no-cache       create the app from scratch in the temp folder; neither read nor write the cache
 *   --refresh-cache  recreate the cached app before using it
 *   -h, --help       this text
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium), XDG_CACHE_HOME.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  checkAnalyticsPage,
  checkProviderEdit,
  checkProviderList,
  openBrowser,
  readKpis,
} from '../tests/consumer/browser-checks.mjs';
import {
  api,
  fail,
  failures,
  freePort,
  killAllSync,
  killTree,
  log,
  printTimings,
  run,
  start,
  step,
  waitForHealth,
} from '../tests/consumer/support.mjs';

const STRAPI_VERSION = '5.54.0';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP_FILES = path.join(ROOT, 'tests/consumer/app');
const ARTIFACTS = path.join(ROOT, 'artifacts/consumer');
const LOGS = path.join(ARTIFACTS, 'logs');
const CACHE_ROOT = path.join(
  process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
  'strapi-llm-consumer'
);
const CACHED_APP = path.join(CACHE_ROOT, `app-${STRAPI_VERSION}`);
const CACHE_MARK = '.consumer-test-complete';
const CREATE_ARGS = [
  '--no-run',
  '--skip-cloud',
  '--no-example',
  '--no-git-init',
  '--typescript',
  '--use-npm',
  '--install',
  '--dbclient=sqlite',
  // Without it the .env says DATABASE_FILENAME= and config/database.ts opens the app folder.
  '--dbfile=.tmp/data.db',
  '--non-interactive',
];

const ADMIN = {
  email: 'consumer@example.com',
  password: 'Consumer123!',
  firstname: 'Consumer',
  lastname: 'Test',
};
const PROVIDER_NAME = 'Consumer stub';
const CONFIGURATION_NAME = 'consumer-chat';
const STUB_KEY_ENV = 'LLM_CONSUMER_STUB_KEY';

const { values: flags } = parseArgs({
  options: {
    'no-build': { type: 'boolean' },
    keep: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    'refresh-cache': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (flags.help) {
  const source = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8');
  process.stdout.write(`${source.split('*/')[0].replace(/^#!.*\n\/\*\*\n/, '')}\n`);
  process.exit(0);
}

/** No telemetry, update checks, audits or browsers: the only network use is the npm registry. */
const QUIET_ENV = {
  STRAPI_TELEMETRY_DISABLED: 'true',
  DO_NOT_TRACK: '1',
  BROWSER: 'none',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'warn',
};
const envFor = (extra) => {
  const env = { ...process.env, ...QUIET_ENV, ...extra };
  if (!extra?.NODE_ENV) delete env.NODE_ENV;
  return env;
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'strapi-llm-consumer-'));
const appDir = path.join(work, 'app');
const logFile = (name) => path.join(LOGS, `${name}.log`);
const state = { server: null, stub: null, browser: null };

async function packPlugin() {
  if (!flags['no-build'])
    await run('npm', ['run', 'build'], { cwd: ROOT, env: envFor(), logFile: logFile('build') });
  const packDir = path.join(work, 'pack');
  fs.mkdirSync(packDir);
  await run('npm', ['pack', '--pack-destination', packDir], {
    cwd: ROOT,
    env: envFor(),
    logFile: logFile('pack'),
  });
  const [tarball] = fs.readdirSync(packDir).filter((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${packDir}`);
  return { tarball: path.join(packDir, tarball), note: tarball };
}

async function createStrapiApp(dir) {
  await run('npx', ['--yes', `create-strapi-app@${STRAPI_VERSION}`, dir, ...CREATE_ARGS], {
    cwd: path.dirname(dir),
    env: envFor({ CI: 'true' }),
    logFile: logFile('create-app'),
  });
  if (!fs.existsSync(path.join(dir, 'node_modules/@strapi/strapi/package.json')))
    throw new Error(`create-strapi-app left no @strapi/strapi in ${dir}/node_modules`);
}

/** The fresh app in `appDir`: copied from the cache (made first when missing), or created there. */
async function freshApp() {
  if (flags['no-cache']) {
    await createStrapiApp(appDir);
    return { note: 'created, cache not used' };
  }
  // The mark names how the cached app was made: other arguments, another app.
  const mark = path.join(CACHED_APP, CACHE_MARK);
  const cached = fs.existsSync(mark) && fs.readFileSync(mark, 'utf8') === CREATE_ARGS.join(' ');
  let note = 'copied from cache';
  if (!cached || flags['refresh-cache']) {
    const building = path.join(CACHE_ROOT, `building-${process.pid}`);
    fs.rmSync(building, { recursive: true, force: true });
    fs.mkdirSync(building, { recursive: true });
    await createStrapiApp(path.join(building, 'app'));
    fs.writeFileSync(path.join(building, 'app', CACHE_MARK), CREATE_ARGS.join(' '));
    fs.rmSync(CACHED_APP, { recursive: true, force: true });
    fs.renameSync(path.join(building, 'app'), CACHED_APP);
    fs.rmSync(building, { recursive: true, force: true });
    note = 'created and cached, then copied';
  }
  await run('cp', ['-a', CACHED_APP, appDir], {
    cwd: work,
    env: envFor(),
    logFile: logFile('copy-app'),
  });
  fs.rmSync(path.join(appDir, CACHE_MARK), { force: true });
  return { note };
}

async function installPlugin(tarball) {
  await run('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: appDir,
    env: envFor(),
    logFile: logFile('install-plugin'),
  });
  fs.cpSync(APP_FILES, appDir, { recursive: true });
}

/** Why the app may not see the package's types: its `types` file missing from the tarball. */
function typesHint() {
  const installed = path.join(appDir, 'node_modules/strapi-plugin-llm');
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  const types = manifest.types ?? manifest.typings;
  if (!types) return '\n  (the package.json of strapi-plugin-llm names no "types")';
  if (!fs.existsSync(path.join(installed, types)))
    return `\n  (package.json "types" is ${types}, which is not in the packed plugin)`;
  return '';
}

/** The type test; on failure, the build is still let through so that the other checks run. */
async function typeTest() {
  try {
    await run('npx', ['tsc', '--noEmit', '-p', '.'], {
      cwd: appDir,
      env: envFor(),
      logFile: logFile('type-test'),
    });
    return { note: 'passed' };
  } catch {
    const output = fs.readFileSync(logFile('type-test'), 'utf8');
    const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
    fail(
      `type test: \`tsc --noEmit -p .\` in the app failed:\n  ${errors.join('\n  ')}${typesHint()}`
    );
    // `strapi build` refuses to emit on type errors; the run has failed already, but the runtime
    // JavaScript is the same without the types, so the build may go on and the other checks run.
    const tsconfig = path.join(appDir, 'tsconfig.json');
    fs.writeFileSync(
      tsconfig,
      fs.readFileSync(tsconfig, 'utf8').replace('"noEmitOnError": true', '"noEmitOnError": false')
    );
    log('type test failed: building with noEmitOnError=false so that the other checks still run');
    return { note: 'failed' };
  }
}

async function startServer(port, name) {
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = envFor({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    [STUB_KEY_ENV]: 'sk-consumer-stub',
  });
  state.server = start('npm', ['run', 'start'], { cwd: appDir, env, logFile: logFile(name) });
  await waitForHealth(baseUrl, state.server, logFile(name));
  return baseUrl;
}

async function stopServer() {
  if (state.server) await killTree(state.server);
  state.server = null;
}

async function startStub() {
  const { tsImport } = await import('tsx/esm/api');
  const serverModule = pathToFileURL(path.join(ROOT, 'tests/support/stub-provider/server.ts'));
  const { StubProvider } = await tsImport(serverModule.href, import.meta.url);
  state.stub = await new StubProvider().start();
  return state.stub;
}

const CM = '/content-manager/collection-types';

/** A provider on the stub, a priced model and a configuration, as an admin would create them. */
async function createRecords(baseUrl, token, stub) {
  const create = async (uid, data) =>
    (await api(baseUrl, 'POST', `${CM}/${uid}`, { token, body: data })).data;
  const provider = await create('plugin::llm.provider', {
    name: PROVIDER_NAME,
    adapter: 'openai',
    baseURL: `${stub.url}/v1`,
    apiKeyEnv: STUB_KEY_ENV,
    timeoutMs: 10000,
    maxRetries: 0,
    active: true,
  });
  const model = await create('plugin::llm.model', {
    displayName: 'Consumer model',
    modelId: 'consumer-model',
    priceInput: '3',
    priceOutput: '15',
    active: true,
    provider: { connect: [{ documentId: provider.documentId }] },
  });
  await create('plugin::llm.configuration', {
    name: CONFIGURATION_NAME,
    active: true,
    model: { connect: [{ documentId: model.documentId }] },
  });
  return provider;
}

const analytics = async (baseUrl, token) =>
  (await api(baseUrl, 'GET', '/llm/analytics?range=30d', { token })).data.kpis;

/** One chat turn through the app's own route; then the analytics must count it. */
async function askThroughApp(baseUrl, token) {
  const answer = await api(baseUrl, 'POST', '/api/ask', {
    body: { prompt: 'Say hello to the consumer test', configuration: CONFIGURATION_NAME },
  });
  if (typeof answer?.text !== 'string' || !(Number(answer.usage?.costUsd) > 0))
    throw new Error(`POST /api/ask answered without text or cost: ${JSON.stringify(answer)}`);
  // A failure reaches the app as the LlmError class it imports from the package (instanceof).
  const missing = await api(baseUrl, 'POST', '/api/ask', {
    body: { prompt: 'x', configuration: 'no-such-configuration' },
    expect: [404],
  });
  if (missing?.error?.code !== 'not_found' || missing.error.llmError !== true)
    throw new Error(
      `an unknown configuration did not reach the app as an LlmError: ${JSON.stringify(missing)}`
    );
  for (let i = 0; i < 40; i += 1) {
    const kpis = await analytics(baseUrl, token);
    if (kpis.requests >= 1) return { kpis, note: `$${answer.usage.costUsd}` };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the call made through /api/ask never reached the analytics');
}

/** "page: text" lines grouped by text: the same error on every page is one failure. */
function byText(lines) {
  const groups = new Map();
  for (const line of lines) {
    const at = line.indexOf(': ');
    const text = line.slice(at + 2);
    groups.set(text, [...(groups.get(text) ?? []), line.slice(0, at)]);
  }
  return groups;
}

async function browserChecks(baseUrl, provider, label) {
  state.browser = await openBrowser({ baseUrl, artifactsDir: ARTIFACTS });
  const b = state.browser;
  await b.login(ADMIN.email, ADMIN.password);
  const results = [
    await b.visit(`${label}analytics`, '/admin/plugins/llm/analytics', checkAnalyticsPage),
  ];
  if (provider) {
    results.push(
      await b.visit(`${label}providers-list`, `/admin${CM}/plugin::llm.provider`, (p) =>
        checkProviderList(p, PROVIDER_NAME)
      ),
      await b.visit(
        `${label}provider-edit`,
        `/admin${CM}/plugin::llm.provider/${provider.documentId}`,
        (p) => checkProviderEdit(p, PROVIDER_NAME)
      )
    );
  }
  let kpis = null;
  if (!provider)
    kpis = await readKpis(b.page).catch((error) => {
      results.push(`${label}analytics: ${error.message.split('\n')[0]}`);
      return null;
    });
  for (const result of results.filter(Boolean)) fail(`browser: ${result}`);
  for (const [problem, pages] of byText(b.problems))
    fail(`browser: ${problem} (on ${pages.join(', ')})`);
  if (b.blocked.length)
    log(
      `blocked requests to other origins (no network in this test):\n  ${b.blocked.join('\n  ')}`
    );
  if (b.ignored.length) log(`ignored (not the plugin's):\n  ${b.ignored.join('\n  ')}`);
  await b.close();
  state.browser = null;
  return { kpis, note: `${b.problems.length} problem(s)` };
}

async function seedAndCheck(port, before) {
  await stopServer();
  await step('seed-usage --days 14 --per-day 50 (development)', () =>
    run('npx', ['strapi-llm', 'seed-usage', '--days', '14', '--per-day', '50'], {
      cwd: appDir,
      env: envFor({ NODE_ENV: 'development' }),
      logFile: logFile('seed-usage'),
    })
  );
  const baseUrl = await step('start the server again', () => startServer(port, 'server-2'));
  const token = (await api(baseUrl, 'POST', '/admin/login', { body: ADMIN })).data.token;
  await step('analytics API shows the seeded usage', async () => {
    const kpis = await analytics(baseUrl, token);
    const summary = `${kpis.requests} requests, $${kpis.costUsd}`;
    if (!(kpis.requests > before.requests) || !(Number(kpis.costUsd) > Number(before.costUsd)))
      fail(`analytics after seeding: ${summary}, before: ${before.requests}, $${before.costUsd}`);
    return { note: summary };
  });
  await step('Chromium: Analytics page shows the seeded figures', async () => {
    const { kpis } = await browserChecks(baseUrl, null, 'seeded-');
    return { note: kpis ? `tiles: ${kpis.requests} requests, ${kpis.cost}` : 'no figures' };
  });
}

async function main() {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(LOGS, { recursive: true });
  log(`plugin ${ROOT}; work folder ${work}; logs ${LOGS}`);
  // Independent: the plugin's build and pack, and the app's creation or copy.
  const [{ tarball }] = await Promise.all([
    step('build and pack the plugin', packPlugin),
    step(`fresh Strapi ${STRAPI_VERSION} TypeScript app`, freshApp),
  ]);
  await step('install the tarball and the consumer files', () => installPlugin(tarball));
  await step('type test (tsc --noEmit -p .)', typeTest);
  await step('strapi build (production)', () =>
    run('npm', ['run', 'build'], {
      cwd: appDir,
      env: envFor({ NODE_ENV: 'production' }),
      logFile: logFile('app-build'),
    })
  );
  const stub = await step('provider stub', startStub);
  const port = await freePort();
  const baseUrl = await step('start the server (production)', () => startServer(port, 'server-1'));
  const token = await step('register the first admin', async () => {
    const body = await api(baseUrl, 'POST', '/admin/register-admin', { body: ADMIN });
    if (!body?.data?.token) throw new Error('register-admin answered without a token');
    return body.data.token;
  });
  const provider = await step('provider, model, configuration (Content Manager API)', () =>
    createRecords(baseUrl, token, stub)
  );
  const { kpis: before } = await step('POST /api/ask through the plugin', () =>
    askThroughApp(baseUrl, token)
  );
  await step('Chromium: Analytics, providers list, provider edit view', () =>
    browserChecks(baseUrl, provider, '')
  );
  await seedAndCheck(port, before);
}

async function cleanUp() {
  await state.browser?.close().catch(() => {});
  await stopServer();
  await state.stub?.stop().catch(() => {});
  if (flags.keep) log(`kept the work folder: ${work} (app in ${appDir})`);
  else fs.rmSync(work, { recursive: true, force: true });
}

process.on('exit', killAllSync);
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    log(`${signal}: stopping`);
    killAllSync();
    if (!flags.keep) {
      log(`removing ${work}`);
      fs.rmSync(work, { recursive: true, force: true });
    }
    process.exit(130);
  });

let crashed = null;
try {
  await main();
} catch (error) {
  crashed = error;
}
await cleanUp();
printTimings();
if (crashed) failures.push(`stopped: ${crashed.stack ?? crashed}`);
if (failures.length) {
  log(`${failures.length} failure(s):`);
  failures.forEach((failure, i) => log(`${i + 1}. ${failure}`));
  log(`logs and screenshots: ${ARTIFACTS}`);
  process.exit(1);
}
log(`passed; screenshots in ${ARTIFACTS}`);
