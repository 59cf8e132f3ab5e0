'use strict';

const base = require('./jest.config');

/** Browser tests: Chromium against the built admin of the playground. */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
  testTimeout: 180000,
};
