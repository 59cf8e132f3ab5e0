import { urlRefusal } from '../security/outbound';

export interface LlmPluginConfig {
  /** IANA time zone in which days and months (rollups, budgets, ranges) are cut. */
  timeZone: string;
  /** Secret that encrypts stored provider API keys; defaults to the admin's `secrets.encryptionKey`. */
  encryptionKey?: string;
  /** Who and what the gateway trusts (docs/SECURITY.md). */
  security: {
    /**
     * Environment variables a provider's `apiKeyEnv` may name: exact names, or prefixes ending in
     * `*`. Default `['LLM_*']`, so a provider can never be pointed at `DATABASE_PASSWORD`.
     */
    apiKeyEnv: string[];
    /**
     * Hosts a provider base URL or the alert webhook may reach over plain `http:` and on loopback or
     * private addresses (e.g. `'127.0.0.1'`, `'ollama.internal'`). Everything else must be `https:`
     * to a public address. Link-local and cloud metadata addresses are never allowed.
     */
    allowedHosts: string[];
    /** Allow loopback and private addresses for any host (still `https:` unless the host is listed above). */
    allowPrivateNetworks: boolean;
  };
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

/** An environment variable name, or a prefix of one ending in `*`. */
const ENV_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*\*?$/;

const positiveInteger = (value: unknown) => Number.isInteger(value) && (value as number) > 0;

/** What an app may write in config/plugins: every key optional, nested ones too. */
export type LlmPluginUserConfig = Partial<Omit<LlmPluginConfig, 'security'>> & {
  security?: Partial<LlmPluginConfig['security']>;
};

const defaults = (): LlmPluginConfig => ({
  timeZone: 'UTC',
  security: { apiKeyEnv: ['LLM_*'], allowedHosts: [], allowPrivateNetworks: false },
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
});

export default {
  default: defaults,
  validator(config: LlmPluginUserConfig) {
    if (
      config.timeZone !== undefined &&
      (typeof config.timeZone !== 'string' || !isValidTimeZone(config.timeZone))
    ) {
      throw new Error(
        `plugin llm: config.timeZone must be an IANA time zone such as "Europe/Berlin" (got ${JSON.stringify(config.timeZone)})`
      );
    }
    if (
      config.encryptionKey !== undefined &&
      (typeof config.encryptionKey !== 'string' || config.encryptionKey.length < 16)
    ) {
      throw new Error(
        'plugin llm: config.encryptionKey must be a string of at least 16 characters'
      );
    }
    const security = config.security;
    if (security !== undefined) {
      const isNameList = (value: unknown) =>
        Array.isArray(value) && value.every((v) => typeof v === 'string' && ENV_PATTERN.test(v));
      if (security.apiKeyEnv !== undefined && !isNameList(security.apiKeyEnv)) {
        throw new Error(
          'plugin llm: config.security.apiKeyEnv must be a list of environment variable names or prefixes ending in * (e.g. ["LLM_*"])'
        );
      }
      if (
        security.allowedHosts !== undefined &&
        !(
          Array.isArray(security.allowedHosts) &&
          security.allowedHosts.every((h) => typeof h === 'string' && h.length > 0)
        )
      ) {
        throw new Error(
          'plugin llm: config.security.allowedHosts must be a list of host names or IP addresses'
        );
      }
      if (
        security.allowPrivateNetworks !== undefined &&
        typeof security.allowPrivateNetworks !== 'boolean'
      ) {
        throw new Error('plugin llm: config.security.allowPrivateNetworks must be true or false');
      }
    }
    const webhookUrl = config.alerts?.webhookUrl;
    if (webhookUrl !== undefined && webhookUrl !== null && webhookUrl !== '') {
      const policy = { ...defaults().security, ...(security ?? {}) };
      const refusal =
        typeof webhookUrl === 'string' ? urlRefusal(webhookUrl, policy) : 'it is not a string';
      if (refusal)
        throw new Error(`plugin llm: config.alerts.webhookUrl is not allowed: ${refusal}`);
    }
    const retention = config.retention;
    if (retention) {
      if (
        retention.rawDays !== undefined &&
        (!Number.isInteger(retention.rawDays) || retention.rawDays < 2)
      ) {
        throw new Error('plugin llm: config.retention.rawDays must be an integer of at least 2');
      }
      if (retention.batchSize !== undefined && !positiveInteger(retention.batchSize))
        throw new Error('plugin llm: config.retention.batchSize must be a positive integer');
      if (retention.cron !== undefined && typeof retention.cron !== 'string')
        throw new Error('plugin llm: config.retention.cron must be a cron rule');
    }
    const usage = config.usage;
    if (usage) {
      for (const key of ['flushIntervalMs', 'batchSize', 'replayIntervalMs'] as const) {
        if (usage[key] !== undefined && !positiveInteger(usage[key]))
          throw new Error(`plugin llm: config.usage.${key} must be a positive integer`);
      }
      if (usage.spoolDir !== undefined && typeof usage.spoolDir !== 'string')
        throw new Error('plugin llm: config.usage.spoolDir must be a path');
    }
  },
};
