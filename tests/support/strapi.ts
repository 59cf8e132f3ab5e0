import type { Core } from '@strapi/strapi';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';
import { PLAYGROUND_DIR, REPO_ROOT } from './paths';

export interface TestApp {
  strapi: Core.Strapi;
  db: TestDatabase;
  request: ReturnType<typeof supertest>;
  /** Base URL once `listen()` was called (browser tests). */
  url?: string;
  /** Destroys Strapi and drops its database, unless `keepDatabase` (to boot again on it). */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** Boot on this database (and its spool) instead of a new one: a restart of the same site. */
  database?: TestDatabase;
  /** Serve the built admin panel (browser tests) and listen on a free port. */
  serveAdminPanel?: boolean;
  /** Extra environment for this boot (plugin config, feature switches). */
  env?: Record<string, string>;
}

const QUIET_TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  STRAPI_TELEMETRY_DISABLED: 'true',
  CRON_ENABLED: 'false',
  ADMIN_RATE_LIMIT: 'false',
  STARTUP_MESSAGE: 'false',
  STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error',
  PLAYGROUND_CREATE_ADMIN: '0',
  // Suites script failures in a row on one provider; the circuit breaker's own suite sets 5.
  LLM_CIRCUIT_FAILURES: '1000',
};

/** The compiled playground (a TypeScript app): scripts/test.mjs compiles it before the suites run. */
function playgroundDist(): string {
  const distDir = path.join(PLAYGROUND_DIR, 'dist');
  if (!fs.existsSync(path.join(distDir, 'config', 'plugins.js')))
    throw new Error(
      'The playground is not compiled: run `node scripts/playground-compile.mjs` (npm test does).'
    );
  return distDir;
}

/**
 * Boots the playground app for real on a database of its own: Strapi loads the plugin from the
 * repository root exactly as an app would, and supertest talks to its HTTP server.
 */
export async function startStrapi(options: StartOptions = {}): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  // Each database gets its own usage spool, so one test's leftovers never replay into another's database.
  const spoolDir = path.join(
    os.tmpdir(),
    'llm-test-spools',
    db.name.replace(/[^A-Za-z0-9_-]+/g, '_')
  );
  const env: Record<string, string | undefined> = {
    ...QUIET_TEST_ENV,
    LLM_SPOOL_DIR: spoolDir,
    ...db.env,
    ...options.env,
  };
  // What this boot sets is taken back at stop(): the next test file in this process starts clean.
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  const restoreEnv = () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };

  // Required lazily (the environment above must be set first) and as CommonJS: Strapi's ESM build
  // does directory imports that only CommonJS resolves, which matters under tsx (benchmarks).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = await createStrapi({
    appDir: PLAYGROUND_DIR,
    distDir: playgroundDist(),
    autoReload: false,
    serveAdminPanel: options.serveAdminPanel ?? false,
  }).load();
  await strapi.server.mount();

  let url: string | undefined;
  if (options.serveAdminPanel) {
    await new Promise<void>((resolve) =>
      strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve())
    );
    const address = strapi.server.httpServer.address();
    if (address && typeof address === 'object') url = `http://127.0.0.1:${address.port}`;
  }

  return {
    strapi,
    db,
    url,
    request: supertest(strapi.server.httpServer),
    async stop({ keepDatabase = false } = {}) {
      // The Document Service emits its entry events after the commit, without anyone awaiting
      // them; let those queries finish before the pool goes, or they fail in the next test file.
      await new Promise((resolve) => setTimeout(resolve, 150));
      try {
        await strapi.destroy();
      } finally {
        restoreEnv();
      }
      if (!keepDatabase) {
        await db.drop();
        fs.rmSync(spoolDir, { recursive: true, force: true });
      }
    },
  };
}

export interface StrapiFixtureOptions extends StartOptions {
  /** Runs in afterAll before Strapi stops: undo what the suite changed on the running app. */
  beforeStop?: () => unknown;
}

/**
 * A suite's Strapi: booted in beforeAll (after the hooks registered before this call), stopped in
 * afterAll with its database dropped. The app returned reads the running instance on every access,
 * so the suite can use it in its own hooks and tests as if it had booted it itself. `options` may
 * be a function, read at boot (for values that exist only then, such as a stub's URL).
 */
export function setupStrapiFixture(
  options: StrapiFixtureOptions | (() => StrapiFixtureOptions) = {}
): TestApp {
  let running: TestApp | undefined;
  let beforeStop: StrapiFixtureOptions['beforeStop'];
  beforeAll(async () => {
    const { beforeStop: hook, ...start } = typeof options === 'function' ? options() : options;
    beforeStop = hook;
    running = await startStrapi(start);
  });
  afterAll(async () => {
    if (!running) return;
    try {
      await beforeStop?.();
    } finally {
      await running.stop();
    }
  });
  const app = () => {
    if (!running) throw new Error('Strapi is not booted: use the app in hooks and tests only');
    return running;
  };
  return {
    get strapi() {
      return app().strapi;
    },
    get db() {
      return app().db;
    },
    get request() {
      return app().request;
    },
    get url() {
      return app().url;
    },
    stop: (stopOptions) => app().stop(stopOptions),
  };
}

/** What a budget worker's calls came to: served, refused by a budget, anything else (errors). */
export interface BudgetWorkerTally {
  served: number;
  refused: number;
  other: string[];
}

/**
 * A second Strapi instance in its own process (tests/support/budget-worker.ts) on `db`, the
 * database of the suite's app: resolves once it has booted. `go()` makes it fire `count` chat calls
 * on the configuration at once; `finished` is its exit code, and `tally()` (once it exited) what
 * its calls came to. `env` is added to its environment.
 */
export async function startBudgetWorker(
  db: TestDatabase,
  configurationId: number,
  count: number,
  env: Record<string, string> = {}
) {
  const worker = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
      path.join(REPO_ROOT, 'tests/support/budget-worker.ts'),
      String(configurationId),
      String(count),
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...db.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    }
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    worker.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('READY')) resolve();
    });
    worker.on('exit', (code) => reject(new Error(`worker exited ${code} before READY: ${output}`)));
  });
  const finished = new Promise<number | null>((resolve) => worker.on('exit', resolve));
  // Resolves when the worker's first call is served (or when it ends without one): a test that
  // waits for it before its own burst knows both instances took part, however slow this one booted.
  const firstServed = new Promise<void>((resolve) => {
    worker.stdout.on('data', () => output.includes('SERVED') && resolve());
    void finished.then(() => resolve());
  });
  return {
    finished,
    firstServed,
    go: () => void worker.stdin.write('GO\n'),
    tally: () => JSON.parse(output.split('RESULT ')[1]) as BudgetWorkerTally,
  };
}
