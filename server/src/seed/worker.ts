import { parentPort, workerData } from 'node:worker_threads';
import type { Dialect } from '../db/tables';
import { prepareGenerated, type PreparedBatch } from '../usage/bulk-rows';
import type { UsageEvent } from '../usage/event';
import type { DemoSite } from './demo-records';
import { generateDays, type GenerateOptions } from './generate';
import { createRandom } from './random';

/** What the seed service hands the worker; everything structured-clone friendly. */
export interface SeedWorkerInput {
  site: DemoSite;
  options: GenerateOptions;
  seed: number;
  dialect: Dialect;
  batchSize: number;
}

export type SeedWorkerMessage =
  { type: 'batch'; batch: PreparedBatch; day: number } | { type: 'done' };

/** Batches the main thread may have waiting at once: one being written, one ready. */
const AHEAD = 2;

/**
 * Generates and prepares demo usage off the main thread, so that building batch n+1 overlaps with
 * writing batch n. The main thread sends one message per batch written; the worker never runs more
 * than AHEAD batches ahead of it.
 */
async function run(input: SeedWorkerInput) {
  const port = parentPort!;
  let credits = AHEAD;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credits += 1;
    wake?.();
    wake = null;
  });
  const send = async (message: SeedWorkerMessage) => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits -= 1;
    port.postMessage(message);
  };

  let batch: UsageEvent[] = [];
  let day = 0;
  for (const dayEvents of generateDays(input.site, input.options, createRandom(input.seed))) {
    for (const event of dayEvents) batch.push(event);
    day += 1;
    if (batch.length >= input.batchSize || day === input.options.days) {
      await send({ type: 'batch', batch: prepareGenerated(batch, input.dialect, new Date()), day });
      batch = [];
    }
  }
  port.postMessage({ type: 'done' } satisfies SeedWorkerMessage);
}

if (parentPort && workerData) void run(workerData as SeedWorkerInput);
