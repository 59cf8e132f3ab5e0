'use strict';

const path = require('path');

module.exports = ({ env }) => ({
  llm: {
    enabled: true,
    // The plugin is the repository root; the playground exists to load it.
    resolve: path.resolve(__dirname, '..', '..'),
    config: {
      timeZone: env('LLM_TIME_ZONE', 'UTC'),
      alerts: { webhookUrl: env('LLM_ALERT_WEBHOOK') },
      usage: {
        spoolDir: env('LLM_SPOOL_DIR', '.tmp/llm-usage-spool'),
        flushIntervalMs: env.int('LLM_FLUSH_INTERVAL_MS', 200),
      },
    },
  },
});
