import path from 'path';

export default ({ env }) => ({
  llm: {
    enabled: true,
    // The plugin is the repository root; the playground exists to load it. Config is compiled to
    // dist/config, so that is three levels up.
    resolve: path.resolve(__dirname, '..', '..', '..'),
    config: {
      timeZone: env('LLM_TIME_ZONE', 'UTC'),
      // The playground talks to the local provider stub and webhook receivers on loopback; a real
      // site lists only the hosts it means (docs/SECURITY.md).
      security: {
        allowedHosts: env.array('LLM_ALLOWED_HOSTS', ['127.0.0.1', 'localhost']),
        apiKeyEnv: env.array('LLM_API_KEY_ENV', ['LLM_*']),
      },
      alerts: { webhookUrl: env('LLM_ALERT_WEBHOOK') },
      usage: {
        spoolDir: env('LLM_SPOOL_DIR', '.tmp/llm-usage-spool'),
        flushIntervalMs: env.int('LLM_FLUSH_INTERVAL_MS', 200),
      },
    },
  },
});
