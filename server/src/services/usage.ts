import type { Core } from '@strapi/strapi';
import path from 'node:path';
import { pluginConfig } from '../plugin-config';
import type { UsageEvent } from '../usage/event';
import { createUsageStore } from '../usage/store';
import { UsageWriter } from '../usage/writer';

/**
 * `strapi.plugin('llm').service('usage')`: where usage events go. Started in bootstrap (it needs
 * the database), drained in destroy.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let writer: UsageWriter | null = null;

  const active = () => {
    if (!writer)
      throw new Error('llm: the usage writer is not started (the plugin has not bootstrapped)');
    return writer;
  };

  return {
    async start() {
      const { usage } = pluginConfig(strapi);
      writer = new UsageWriter(createUsageStore(strapi), {
        spoolDir: path.resolve(strapi.dirs.app.root, usage.spoolDir),
        flushIntervalMs: usage.flushIntervalMs,
        batchSize: usage.batchSize,
        replayIntervalMs: usage.replayIntervalMs,
        log: strapi.log,
      });
      writer.start();
      const replayed = await writer.replay();
      if (replayed > 0) strapi.log.info(`llm: replayed ${replayed} spooled usage event(s)`);
    },
    record: (event: UsageEvent) => active().record(event),
    /** Resolves when every event recorded so far is in the database (or spooled after failed writes). */
    flush: () => active().flush(),
    replay: () => active().replay(),
    stats: () => ({ written: active().written, spooled: active().spooled }),
    /** Prunes raw events older than `retention.rawDays`; the daily rollups keep every range correct. */
    async prune(now = new Date()): Promise<number> {
      const { rawDays, batchSize } = pluginConfig(strapi).retention;
      const deleted = await createUsageStore(strapi).pruneBefore(
        new Date(now.getTime() - rawDays * 86_400_000),
        batchSize
      );
      if (deleted > 0)
        strapi.log.info(`llm: pruned ${deleted} raw usage event(s) older than ${rawDays} days`);
      return deleted;
    },
    async drain() {
      if (writer) await writer.drain();
      writer = null;
    },
  };
};
