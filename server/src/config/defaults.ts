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
  };
}
