import fs from 'fs';
import path from 'path';

/**
 * The plugin is the repository root; the playground exists to load it. This file runs from
 * config/ when the admin is built and from dist/config/ when the server starts, so the root is
 * found by name rather than by a fixed number of levels.
 */
function pluginRoot(from: string): string {
  const manifest = path.join(from, 'package.json');
  if (
    fs.existsSync(manifest) &&
    JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'strapi-plugin-llm'
  )
    return from;
  const parent = path.dirname(from);
  if (parent === from) throw new Error('strapi-plugin-llm not found above the playground');
  return pluginRoot(parent);
}

export default ({ env }) => ({
  llm: {
    enabled: true,
    resolve: pluginRoot(__dirname),
    config: {
      timeZone: env('LLM_TIME_ZONE', 'UTC'),
      // The playground talks to the local provider stub and webhook receivers on loopback; a real
      // site lists only the hosts it means (docs/SECURITY.md).
      security: {
        allowedHosts: env.array('LLM_ALLOWED_HOSTS', ['127.0.0.1', 'localhost']),
        apiKeyEnv: env.array('LLM_API_KEY_ENV', ['LLM_*']),
      },
      alerts: { webhookUrl: env('LLM_ALERT_WEBHOOK') },
      circuitBreaker: { failureThreshold: env.int('LLM_CIRCUIT_FAILURES', 5) },
      // The response cache's store: the database unless LLM_CACHE_REDIS_URL names a Redis.
      cache: env('LLM_CACHE_REDIS_URL')
        ? {
            store: 'redis',
            url: env('LLM_CACHE_REDIS_URL'),
            keyPrefix: env('LLM_CACHE_KEY_PREFIX', 'llm:cache:'),
          }
        : { store: 'database' },
      usage: {
        spoolDir: env('LLM_SPOOL_DIR', '.tmp/llm-usage-spool'),
        flushIntervalMs: env.int('LLM_FLUSH_INTERVAL_MS', 200),
      },
    },
  },
});
