import type { Core } from '@strapi/strapi';
import { pluginConfig } from '../plugin-config';
import { formatNanoUsd } from '../pricing/money';
import { deleteDemoRecords, ensureDemoRecords } from '../seed/demo-records';
import { generateDays } from '../seed/generate';
import { createRandom } from '../seed/random';
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

/** `strapi.plugin('llm').service('seed')`: demo usage for development sites, never touching real data. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async run(options: SeedOptions = {}): Promise<SeedSummary> {
    if (process.env.NODE_ENV === 'production' && !options.force) {
      throw new SeedRefusedError('Refusing to seed demo usage: NODE_ENV=production. Pass --force if this really is not a live site.');
    }
    const started = Date.now();
    const store = createUsageStore(strapi);
    // A re-run replaces the demo usage; real usage rows are never selected.
    await store.deleteSeeded();
    if (options.reset) {
      await deleteDemoRecords(strapi);
      return { events: 0, costUsd: '0.00', days: 0, ms: Date.now() - started, reset: true };
    }

    const days = options.days ?? 90;
    const perDay = options.perDay ?? 400;
    const site = await ensureDemoRecords(strapi);
    const random = createRandom(options.seed ?? 42);
    let batch = [];
    let events = 0;
    let cost = 0n;
    let day = 0;
    for (const dayEvents of generateDays(site, { days, perDay, now: options.now ?? new Date(), timeZone: pluginConfig(strapi).timeZone }, random)) {
      for (const event of dayEvents) cost += event.costNano ?? 0n;
      batch.push(...dayEvents);
      events += dayEvents.length;
      day += 1;
      if (batch.length >= BATCH || day === days) {
        await store.writeGenerated(batch);
        batch = [];
      }
      options.onProgress?.(day, days, events);
    }
    return { events, costUsd: formatNanoUsd(cost), days, ms: Date.now() - started, reset: false };
  },
});
