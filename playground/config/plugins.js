'use strict';

const path = require('path');

module.exports = ({ env }) => ({
  llm: {
    enabled: true,
    // The plugin is the repository root; the playground exists to load it.
    resolve: path.resolve(__dirname, '..', '..'),
    config: {
      timeZone: env('LLM_TIME_ZONE', 'UTC'),
    },
  },
});
