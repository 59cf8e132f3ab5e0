import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, currentClient, type TestDatabase } from '../support/database';
import {
  createModel,
  createStubProvider,
  flushUsage,
  setupStubProvider,
  usageRows,
} from '../support/fixtures';
import { REPO_ROOT } from '../support/paths';
import { expectRollupsEqualEvents } from '../support/rollups-expected';
import { startStrapi } from '../support/strapi';

/** A load worker's view of its calls: which started, which returned with which request id. */
interface Tally {
  started: number;
  returned: string[];
  failed: string[];
}

function spawnWorker(db: TestDatabase, modelId: number) {
  // One process (tsx as a loader, not its CLI, which would run the script in a child of its own):
  // the signal has to reach the process that runs Strapi.
  const worker = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(REPO_ROOT, 'tests/support/load-worker.ts'),
      String(modelId),
      '16',
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...db.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    }
  ) as ChildProcessWithoutNullStreams;
  const tally: Tally = { started: 0, returned: [], failed: [] };
  let buffer = '';
  let stderr = '';
  worker.stderr.on('data', (chunk) => (stderr += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    worker.stdout.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'READY') resolve();
        else if (line.startsWith('START ')) tally.started += 1;
        else if (line.startsWith('OK ')) tally.returned.push(line.slice(3));
        else if (line.startsWith('FAIL ')) tally.failed.push(line);
      }
    });
    worker.on('exit', (code) =>
      reject(new Error(`load worker exited (${code}) before READY: ${stderr.slice(-2000)}`))
    );
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    worker.on('exit', (code, signal) => resolve({ code, signal }))
  );
  return { worker, tally, ready, exited };
}

const waitFor = async (condition: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!condition() && Date.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 20));
};

describe(`crash and shutdown under load: Strapi in a child process (${currentClient()})`, () => {
  // Slow enough that many calls are in flight at any moment.
  const stub = setupStubProvider({
    defaultBehavior: { delayMs: 40, usage: { input: 100, output: 50 } },
  });

  /** Sets up a site on a fresh database, then lets a worker process load it until `kill` says stop. */
  async function underLoad(signal: NodeJS.Signals) {
    const db = await createTestDatabase();
    let app = await startStrapi({ database: db });
    const provider = await createStubProvider(app.strapi, stub);
    const model = await createModel(app.strapi, provider, {
      modelId: 'crash-model',
      priceInput: '1',
      priceOutput: '2',
    });
    await app.stop({ keepDatabase: true });

    const { worker, tally, ready, exited } = spawnWorker(db, model.id);
    await ready;
    worker.stdin.write('GO\n');
    await waitFor(() => tally.returned.length >= 150, 60_000);
    const inFlight = tally.started - tally.returned.length - tally.failed.length;
    worker.kill(signal);
    const exit = await exited;

    // The same site boots again on the same database and spool, and replays what it finds.
    app = await startStrapi({ database: db });
    try {
      // Boot replays the spool; a segment whose write the kill interrupted may wait on the dead
      // connection's locks, and is retried by the writer's own replay timer. Give it that long.
      const returned = new Set(tally.returned);
      const started = Date.now();
      let rows: any[] = [];
      for (;;) {
        await flushUsage(app.strapi);
        rows = await usageRows(app.strapi, { modelId: model.id });
        if (
          rows.filter((r) => returned.has(r.requestId)).length === returned.size ||
          Date.now() - started > 30_000
        )
          break;
        await app.strapi.plugin('llm').service('usage').replay();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const replaySeconds = (Date.now() - started) / 1000;
      return { rows, tally, inFlight, exit, app, db, replaySeconds };
    } catch (error) {
      await app.stop();
      throw error;
    }
  }

  it('SIGTERM: every call that returned to its caller has exactly one event after the restart', async () => {
    const { rows, tally, exit, app } = await underLoad('SIGTERM');
    try {
      // Strapi's own signal handler ran destroy(), which drained the usage writer.
      expect(exit.code).toBe(0);
      const stored = new Set(rows.map((r) => r.requestId));
      expect(tally.returned.filter((id) => !stored.has(id))).toEqual([]);
      expect(stored.size).toBe(rows.length);
      await expectRollupsEqualEvents(app.strapi);
    } finally {
      await app.stop();
    }
  });

  it('SIGKILL: every returned call survives through the spool; at most the calls in flight are lost', async () => {
    const { rows, tally, inFlight, exit, app, replaySeconds } = await underLoad('SIGKILL');
    try {
      expect(exit.signal).toBe('SIGKILL');
      const stored = new Set(rows.map((r) => r.requestId));
      expect(tally.returned.filter((id) => !stored.has(id))).toEqual([]);
      expect(stored.size).toBe(rows.length);
      // Calls the worker started and never saw return: some reached the journal before the kill.
      const started = tally.started - tally.failed.length;
      const lost = started - rows.length;
      expect(lost).toBeGreaterThanOrEqual(0);
      expect(lost).toBeLessThanOrEqual(started - tally.returned.length);
      console.log(
        `SIGKILL: ${tally.returned.length} calls returned, ${inFlight} were in flight when the kill was sent, ${rows.length} events stored, ${lost} started calls without an event; all returned calls stored ${replaySeconds.toFixed(1)} s after the restart`
      );
      await expectRollupsEqualEvents(app.strapi);
    } finally {
      await app.stop();
    }
  });
});
