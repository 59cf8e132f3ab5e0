import type { Core } from '@strapi/strapi';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { pluginConfig } from '../plugin-config';
import { formatNanoUsd } from '../pricing/money';
import { deleteDemoRecords, ensureDemoRecords } from '../seed/demo-records';
import type { SeedWorkerInput, SeedWorkerMessage } from '../seed/worker';
import type { PreparedBatch } from '../usage/bulk-rows';
import { getService } from '../utils/get-service';
import { createUsageStore } from '../usage/store';

export interface SeedOptions {
  days?: number;
  perDay?: number;
  seed?: number;
  /** Remove everything the command made instead of seeding. */
  reset?: boolean;
  /** Allow NODE_ENV=production. */
  force?: boolean;
  /** Pin "now" (tests, reproducible demos). */
  now?: Date;
  onProgress?: (done: number, total: number, events: number) => void;
}

export interface SeedSummary {
  events: number;
  costUsd: string;
  days: number;
  ms: number;
  reset: boolean;
}

export class SeedRefusedError extends Error {}

const BATCH = 5000;

/**
 * The worker is its own bundle (package export `./seed-worker`), built beside the server bundle:
 * dist/server/index.js → dist/seed-worker/index.js.
 */
const seedWorker = () => path.join(__dirname, '..', 'seed-worker', 'index.js');

/**
 * Generation runs in a worker thread; this thread writes each batch as it arrives, in order, and
 * tells the worker when it is written (so at most one batch waits in memory).
 */
async function generateAndWrite(
  input: SeedWorkerInput,
  write: (batch: PreparedBatch) => Promise<void>,
  onBatch: (day: number, batch: PreparedBatch) => void
) {
  const worker = new Worker(seedWorker(), {
    workerData: input,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let writing = Promise.resolve();
      worker.on('error', reject);
      worker.on(
        'exit',
        (code) => code !== 0 && reject(new Error(`The seed worker stopped with exit code ${code}`))
      );
      worker.on('message', (message: SeedWorkerMessage) => {
        writing = writing
          .then(async () => {
            if (message.type === 'done') return resolve();
            await write(message.batch);
            worker.postMessage('written');
            onBatch(message.day, message.batch);
          })
          .catch(reject);
      });
    });
  } finally {
    await worker.terminate();
  }
}

/** `strapi.plugin('llm').service('seed')`: demo usage for development sites, never touching real data. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async run(options: SeedOptions = {}): Promise<SeedSummary> {
    if (process.env.NODE_ENV === 'production' && !options.force) {
      throw new SeedRefusedError(
        'Refusing to seed demo usage: NODE_ENV=production. Pass --force if this really is not a live site.'
      );
    }
    const started = Date.now();
    const store = createUsageStore(strapi);
    // A re-run replaces the demo usage; real usage rows are never selected.
    await store.deleteSeeded();
    // Budgets count what the rollups hold: recount them whenever demo usage comes or goes.
    const recount = () => getService(strapi, 'budget').recountAll();
    if (options.reset) {
      await deleteDemoRecords(strapi);
      await recount();
      return { events: 0, costUsd: '0.00', days: 0, ms: Date.now() - started, reset: true };
    }

    const days = options.days ?? 90;
    const input: SeedWorkerInput = {
      site: await ensureDemoRecords(strapi),
      options: {
        days,
        perDay: options.perDay ?? 400,
        now: options.now ?? getService(strapi, 'clock').now(),
        timeZone: pluginConfig(strapi).timeZone,
      },
      seed: options.seed ?? 42,
      dialect: store.dialect,
      batchSize: BATCH,
    };
    let events = 0;
    let cost = 0n;
    await generateAndWrite(input, store.writePrepared, (day, batch) => {
      events += batch.events;
      cost += batch.costNano;
      options.onProgress?.(day, days, events);
    });
    await recount();
    return { events, costUsd: formatNanoUsd(cost), days, ms: Date.now() - started, reset: false };
  },
});
