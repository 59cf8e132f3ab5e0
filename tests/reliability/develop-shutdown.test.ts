import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createFullAccessToken } from '../support/admin';
import { createTestDatabase, currentClient, type TestDatabase } from '../support/database';
import { createTask, setupStubProvider, usageRows, withConfiguredModel } from '../support/fixtures';
import { REPO_ROOT } from '../support/paths';
import { startStrapi } from '../support/strapi';
import type { StubProvider } from '../support/stub-provider';

/**
 * `npm run develop` (scripts/develop.mjs → `strapi develop`, a cluster of two processes) stopped
 * the way a developer and a process manager stop it: Ctrl-C signals the terminal's whole process
 * group; SIGTERM reaches the wrapper alone. Either way: one shutdown, exit 0, no stack trace, and
 * the call made just before is in the database without a spool to replay it from.
 */

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`develop exited early:\n${output()}`);
    const status = await fetch(`${url}/_health`).then(
      (response) => response.status,
      () => 0
    );
    if (status === 204) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`develop did not answer in time:\n${output()}`);
}

/** A content-API task on the stub and a full-access API token, written before develop starts. */
async function prepareSite(db: TestDatabase, stub: StubProvider) {
  const app = await startStrapi({ database: db });
  try {
    const { configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'shutdown-model', priceInput: '1', priceOutput: '1' },
    });
    const task = await createTask(app.strapi, configuration, {
      promptTemplate: 'Echo {{x}}',
      contentApi: true,
    });
    const { accessKey } = await createFullAccessToken(app.strapi, 'shutdown');
    return { taskId: task.id as number, apiToken: accessKey };
  } finally {
    await app.stop({ keepDatabase: true });
  }
}

/**
 * On a failure: the wrapper and `strapi develop`, which runs in a process group of its own (the
 * wrapper's child's pid), so that nothing is left holding the port or the database.
 */
function killEverything(wrapper: ChildProcess) {
  if (wrapper.exitCode !== null || wrapper.signalCode !== null) return;
  const children = spawnSync('pgrep', ['-P', String(wrapper.pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
  for (const group of [...children, wrapper.pid!]) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

function startDevelop(db: TestDatabase, port: number, spoolDir: string) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...db.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PLAYGROUND_CREATE_ADMIN: '0',
    PLAYGROUND_SEED: '0',
    CRON_ENABLED: 'false',
    STRAPI_LOG_LEVEL: 'info',
    LLM_SPOOL_DIR: spoolDir,
    // Nothing is written on a timer: the call reaches the database only if shutdown drains it.
    LLM_FLUSH_INTERVAL_MS: '600000',
  };
  // Its own process group, as a terminal's foreground job has.
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/develop.mjs')], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe(`npm run develop stops cleanly (${currentClient()})`, () => {
  const stub = setupStubProvider({ defaultBehavior: { text: 'echoed' } });

  const stops = [
    {
      how: 'Ctrl-C (SIGINT to the process group)',
      stop: (pid: number) => process.kill(-pid, 'SIGINT'),
    },
    { how: 'SIGTERM to the wrapper', stop: (pid: number) => process.kill(pid, 'SIGTERM') },
  ];

  for (const { how, stop } of stops) {
    it(`${how}: one shutdown, exit 0, no stack trace, the last call in the database`, async () => {
      const db = await createTestDatabase();
      const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-develop-spool-'));
      try {
        const { taskId, apiToken } = await prepareSite(db, stub);
        const port = await freePort();
        const develop = startDevelop(db, port, spoolDir);
        const url = `http://127.0.0.1:${port}`;
        try {
          await waitForHealth(url, develop.child, develop.output);
          const response = await fetch(`${url}/api/llm/tasks/${taskId}/run`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
            body: JSON.stringify({ variables: { x: 'y' } }),
          });
          expect(response.status).toBe(200);
          stop(develop.child.pid!);
          const code = await develop.exited;
          const output = develop.output();
          expect({ code, shutdowns: output.split('Shutting down Strapi').length - 1 }).toEqual({
            code: 0,
            shutdowns: 1,
          });
          expect(output).toContain('Strapi has been shut down');
          expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
          expect(output).not.toMatch(/TypeError|Unhandled/);
        } finally {
          killEverything(develop.child);
        }

        // Restarted with an empty spool: the call is there only if shutdown wrote it.
        const restarted = await startStrapi({
          database: db,
          env: { LLM_SPOOL_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'llm-empty-spool-')) },
        });
        try {
          const rows = await usageRows(restarted.strapi, { taskId });
          expect(rows.map((row) => row.success)).toEqual([true]);
        } finally {
          await restarted.stop({ keepDatabase: true });
        }
      } finally {
        await db.drop();
        fs.rmSync(spoolDir, { recursive: true, force: true });
      }
    }, 300_000);
  }
});
