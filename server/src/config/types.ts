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

/** What an app may write in config/plugins: every key optional, nested ones too. */
export type LlmPluginUserConfig = Partial<Omit<LlmPluginConfig, 'security'>> & {
  security?: Partial<LlmPluginConfig['security']>;
};
