export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A spend spike: the last complete local hour's spend > factor × the median of that hour on the days before. */
export interface SpikeRule {
  enabled: boolean;
  /** How many times the median the hour must pass (a positive number, e.g. 3 or 2.5). */
  factor: number;
  /** And more than this, in USD (decimal text), so a quiet site's cents never alert. */
  minUsd: string;
  /** Days before whose same hour gives the median. */
  lookbackDays: number;
  /** When the rule is checked (a Strapi cron rule; a few minutes past each hour). */
  cron: string;
}

/** The weekly digest e-mail, sent on `day` at `hour` (local, in `timeZone`) for the week before. */
export interface DigestRule {
  enabled: boolean;
  day: Weekday;
  /** 0–23. */
  hour: number;
  /** Recipients; empty = `alerts.email.to`. */
  to: string[];
}

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
  /**
   * Where alerts go besides their Strapi event (`llm.budget.threshold`, `llm.spend.spike`,
   * `llm.digest.weekly`): the webhook and e-mail every alert uses, and the spike and digest rules.
   */
  alerts: {
    webhookUrl?: string;
    email?: { to?: string[]; notifyUser?: boolean; from?: string };
    spike: SpikeRule;
    digest: DigestRule;
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
  /**
   * A provider that keeps failing is skipped for a while (circuit/): `failureThreshold` failures
   * (timeouts, unreachable, provider errors) within `windowMs` open its circuit; calls then go
   * straight to their fallback or fail with `circuit_open` for `openMs`, after which one call
   * probes the provider (half-open) and its outcome closes or reopens the circuit.
   */
  circuitBreaker: {
    enabled: boolean;
    failureThreshold: number;
    windowMs: number;
    openMs: number;
  };
  /**
   * Where the response cache keeps answers (cache/): the database by default (every dialect,
   * expired rows deleted by `pruneCron`, `pruneBatchSize` per statement), or Redis at `url` so
   * several instances share one cache. Whether a call is cached is decided per configuration and
   * task (opt-in); this only says where.
   */
  cache: {
    store: 'database' | 'redis';
    url?: string;
    /** Prepended to every Redis key (default `llm:cache:`). */
    keyPrefix: string;
    pruneCron: string;
    pruneBatchSize: number;
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

/** What an app may write in config/plugins: every key optional, nested ones too. */
export type LlmPluginUserConfig = Partial<
  Omit<LlmPluginConfig, 'security' | 'alerts' | 'circuitBreaker' | 'cache'>
> & {
  security?: Partial<LlmPluginConfig['security']>;
  cache?: Partial<LlmPluginConfig['cache']>;
  circuitBreaker?: Partial<LlmPluginConfig['circuitBreaker']>;
  alerts?: Partial<Omit<LlmPluginConfig['alerts'], 'spike' | 'digest'>> & {
    spike?: Partial<SpikeRule>;
    digest?: Partial<DigestRule>;
  };
};
