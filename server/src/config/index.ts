export interface LlmPluginConfig {
  /** IANA time zone in which days and months (rollups, budgets, ranges) are cut. */
  timeZone: string;
  /** Secret that encrypts stored provider API keys; defaults to the admin's `secrets.encryptionKey`. */
  encryptionKey?: string;
  /** Where budget threshold alerts go besides the `llm.budget.threshold` event. */
  alerts?: {
    webhookUrl?: string;
    email?: { to?: string[]; notifyUser?: boolean; from?: string };
  };
  usage: {
    /** Longest time a recorded event waits before it is written. */
    flushIntervalMs: number;
    /** A write starts at once when this many events wait. */
    batchSize: number;
    /** Where events are spooled before they reach the database (relative to the app folder). */
    spoolDir: string;
    /** How often spooled events are retried while the database is unreachable. */
    replayIntervalMs: number;
  };
  /** Raw usage events older than this are pruned; the daily rollups are kept forever. */
  retention: {
    /** Days of raw events to keep (at least 2: the 1-day range reads raw events). */
    rawDays: number;
    /** Events deleted per statement, so a prune never holds long locks. */
    batchSize: number;
    /** When the prune runs (a Strapi cron rule; needs `cron.enabled` in the app's server config). */
    cron: string;
  };
}

const isValidTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const positiveInteger = (value: unknown) => Number.isInteger(value) && (value as number) > 0;

export default {
  default: (): LlmPluginConfig => ({
    timeZone: 'UTC',
    usage: {
      flushIntervalMs: 200,
      batchSize: 500,
      spoolDir: '.tmp/llm-usage-spool',
      replayIntervalMs: 5000,
    },
    retention: {
      rawDays: 400,
      batchSize: 2000,
      cron: '0 17 3 * * *',
    },
  }),
  validator(config: Partial<LlmPluginConfig>) {
    if (config.timeZone !== undefined && (typeof config.timeZone !== 'string' || !isValidTimeZone(config.timeZone))) {
      throw new Error(`plugin llm: config.timeZone must be an IANA time zone such as "Europe/Berlin" (got ${JSON.stringify(config.timeZone)})`);
    }
    if (config.encryptionKey !== undefined && (typeof config.encryptionKey !== 'string' || config.encryptionKey.length < 16)) {
      throw new Error('plugin llm: config.encryptionKey must be a string of at least 16 characters');
    }
    const webhookUrl = config.alerts?.webhookUrl;
    if (webhookUrl !== undefined && (typeof webhookUrl !== 'string' || !/^https?:\/\//.test(webhookUrl))) {
      throw new Error('plugin llm: config.alerts.webhookUrl must be an http(s) URL');
    }
    const retention = config.retention;
    if (retention) {
      if (retention.rawDays !== undefined && (!Number.isInteger(retention.rawDays) || retention.rawDays < 2)) {
        throw new Error('plugin llm: config.retention.rawDays must be an integer of at least 2');
      }
      if (retention.batchSize !== undefined && !positiveInteger(retention.batchSize)) throw new Error('plugin llm: config.retention.batchSize must be a positive integer');
      if (retention.cron !== undefined && typeof retention.cron !== 'string') throw new Error('plugin llm: config.retention.cron must be a cron rule');
    }
    const usage = config.usage;
    if (usage) {
      for (const key of ['flushIntervalMs', 'batchSize', 'replayIntervalMs'] as const) {
        if (usage[key] !== undefined && !positiveInteger(usage[key])) throw new Error(`plugin llm: config.usage.${key} must be a positive integer`);
      }
      if (usage.spoolDir !== undefined && typeof usage.spoolDir !== 'string') throw new Error('plugin llm: config.usage.spoolDir must be a path');
    }
  },
};
