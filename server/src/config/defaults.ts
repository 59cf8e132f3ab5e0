import type { LlmPluginConfig, LlmPluginUserConfig } from './types';

/** The plugin's settings when the app sets none. */
export const defaults = (): LlmPluginConfig => ({
  timeZone: 'UTC',
  security: { apiKeyEnv: ['LLM_*'], allowedHosts: [], allowPrivateNetworks: false },
  usage: {
    flushIntervalMs: 200,
    batchSize: 500,
    spoolDir: '.tmp/llm-usage-spool',
    replayIntervalMs: 5000,
  },
  alerts: {
    spike: { enabled: true, factor: 3, minUsd: '5', lookbackDays: 14, cron: '0 2 * * * *' },
    digest: { enabled: false, day: 'monday', hour: 8, to: [] },
  },
  circuitBreaker: { enabled: true, failureThreshold: 5, windowMs: 60_000, openMs: 30_000 },
  cache: {
    store: 'database',
    keyPrefix: 'llm:cache:',
    pruneCron: '0 */10 * * * *',
    pruneBatchSize: 1000,
  },
  retention: {
    rawDays: 400,
    batchSize: 2000,
    cron: '0 17 3 * * *',
  },
});

/**
 * The app's config over the defaults, nested keys included, and a `null` section read as absent:
 * done once at register, so every reader sees the same complete config whatever the loader merged.
 */
export function withDefaults(user: LlmPluginUserConfig): LlmPluginConfig {
  const base = defaults();
  return {
    ...base,
    ...user,
    security: { ...base.security, ...(user.security ?? {}) },
    usage: { ...base.usage, ...(user.usage ?? {}) },
    retention: { ...base.retention, ...(user.retention ?? {}) },
    circuitBreaker: { ...base.circuitBreaker, ...(user.circuitBreaker ?? {}) },
    cache: { ...base.cache, ...(user.cache ?? {}) },
    alerts: {
      ...(user.alerts ?? {}),
      spike: { ...base.alerts.spike, ...(user.alerts?.spike ?? {}) },
      digest: { ...base.alerts.digest, ...(user.alerts?.digest ?? {}) },
    },
  };
}
