#!/usr/bin/env node
/**
 * `npm test`: the unit tests (the `__tests__` folders of server/src), then the integration suite
 * once per database (SQLite always; PostgreSQL and MariaDB when reachable), then the browser tests
 * in Chromium. Says plainly what it skipped and why.
 *
 *   REQUIRE_ALL_DATABASES=1  an unreachable PostgreSQL, MariaDB or Redis fails the run instead of
 *                            skipping (Redis at TEST_REDIS_HOST:TEST_REDIS_PORT, default 127.0.0.1:6379:
 *                            the response cache's shared store; jest gets TEST_REDIS_URL)
 *   REQUIRE_BROWSER=1        a missing Chromium fails the run instead of skipping the browser tests
 *   DATABASES=sqlite,mysql   run only these databases
 *   CHROMIUM_PATH=/path      the Chromium binary (default /usr/bin/chromium)
 *
 * Flags: --no-e2e, --only-e2e; anything else is passed to jest (e.g. a test path pattern). The unit
 * step runs with the integration suite; when a path pattern matches none of its tests it says so
 * and is not counted as a failure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAdminBuild } from './admin-build.mjs';
import { compilePlayground } from './playground-compile.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runIntegration = !args.includes('--only-e2e');
const runE2e = !args.includes('--no-e2e');
const jestArgs = args.filter((a) => !a.startsWith('--no-e2e') && !a.startsWith('--only-e2e'));
const truthy = (v) => v === '1' || v === 'true';
const requireAllDatabases = truthy(process.env.REQUIRE_ALL_DATABASES);
const requireBrowser = truthy(process.env.REQUIRE_BROWSER);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const SERVERS = {
  postgres: {
    host: process.env.TEST_PG_HOST ?? '127.0.0.1',
    port: Number(process.env.TEST_PG_PORT ?? 5432),
    howTo:
      'start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  },
  mysql: {
    host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1',
    port: Number(process.env.TEST_MYSQL_PORT ?? 3306),
    howTo:
      'start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
  },
};

/** Not a database: the response cache's Redis store, for the suites that read TEST_REDIS_URL. */
const REDIS = {
  host: process.env.TEST_REDIS_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_REDIS_PORT ?? 6379),
  howTo: 'start it with: redis-server --daemonize yes',
};

const portOpen = ({ host, port }) =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
const skips = [];
const failures = [];
/** Browser tests that passed only when run again: named in the summary, never hidden. */
const retried = [];

function runJest(label, config, env, { mayMatchNone = false } = {}) {
  const outputFile = path.join(os.tmpdir(), `llm-jest-${process.pid}-${label}.json`);
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/jest/bin/jest.js'),
      '--config',
      config,
      '--json',
      '--outputFile',
      outputFile,
      ...(mayMatchNone ? ['--passWithNoTests'] : []),
      ...jestArgs,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }
  );
  let report;
  try {
    report = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    fs.rmSync(outputFile, { force: true });
  } catch {
    problems.push(`${label}: jest produced no report (exit ${result.status})`);
    return;
  }
  if (report.numTotalTests === 0 && mayMatchNone && result.status === 0) {
    console.log(`--- ${label}: no test matches the arguments`);
    return;
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  // Name each failure in the summary: CI shows only the tail of the output.
  for (const file of report.testResults ?? []) {
    const where = path.relative(root, file.name);
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const test of failedTests) failures.push(`${label}: ${where} › ${test.fullName}`);
    // Browser tests run a failed test once more (tests/support/e2e-setup.ts): say which did.
    for (const test of file.assertionResults ?? [])
      if (test.status === 'passed' && (test.invocations ?? 1) > 1)
        retried.push(`${label}: ${where} › ${test.fullName}`);
    if (failedTests.length === 0 && file.status === 'failed')
      failures.push(
        `${label}: ${where} › ${(file.message ?? '').split('\n').find(Boolean) ?? 'failed to run'}`
      );
  }
  if (report.numTotalTests === 0) problems.push(`${label}: no test ran`);
  if (result.status !== 0 || !report.success)
    problems.push(`${label}: jest exited ${result.status}`);
  console.log(`--- ${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}

const wanted = (process.env.DATABASES ?? 'sqlite,postgres,mysql')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

if (runIntegration || runE2e) await compilePlayground();

/** TEST_REDIS_URL for jest when Redis answers; otherwise its tests skip and the summary says so. */
async function redisEnv() {
  if (await portOpen(REDIS)) return { TEST_REDIS_URL: `redis://${REDIS.host}:${REDIS.port}` };
  const message = `redis: no server at ${REDIS.host}:${REDIS.port} — ${REDIS.howTo}`;
  if (requireAllDatabases) problems.push(`${message} (REQUIRE_ALL_DATABASES=1)`);
  else skips.push(`${message}; the Redis response-cache tests were SKIPPED`);
  return { TEST_REDIS_URL: '' };
}

if (runIntegration) {
  const redis = await redisEnv();
  runJest('unit', 'jest.unit.config.js', {}, { mayMatchNone: jestArgs.length > 0 });
  for (const client of wanted) {
    if (client !== 'sqlite') {
      const server = SERVERS[client];
      if (!server) {
        problems.push(`unknown database "${client}" in DATABASES`);
        continue;
      }
      if (!(await portOpen(server))) {
        const message = `${client}: no server at ${server.host}:${server.port} — ${server.howTo}`;
        if (requireAllDatabases) problems.push(`${message} (REQUIRE_ALL_DATABASES=1)`);
        else skips.push(`${message}; its integration tests were SKIPPED`);
        continue;
      }
    }
    runJest(`integration:${client}`, 'jest.config.js', { DATABASE_CLIENT: client, ...redis });
  }
}

if (runE2e) {
  if (!fs.existsSync(chromiumPath)) {
    const message = `browser: no Chromium at ${chromiumPath} — install it with: apt-get install -y chromium`;
    if (requireBrowser) problems.push(`${message} (REQUIRE_BROWSER=1)`);
    else skips.push(`${message}; the browser tests were SKIPPED`);
  } else {
    try {
      ensureAdminBuild();
      runJest('e2e:chromium', 'jest.e2e.config.js', {
        DATABASE_CLIENT: 'sqlite',
        CHROMIUM_PATH: chromiumPath,
      });
    } catch (error) {
      problems.push(`browser: the admin build failed: ${error.message}`);
    }
  }
}

console.log('\n=== summary ===');
for (const skip of skips) console.log(`SKIPPED  ${skip}`);
for (const problem of problems) console.log(`FAILED   ${problem}`);
for (const failure of failures) console.log(`  ✕ ${failure}`);
for (const test of retried) console.log(`  ⟳ passed only on its second run: ${test}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(problems.length > 0 || totals.failed > 0 ? 1 : 0);
