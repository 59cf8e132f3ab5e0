'use strict';

const { transform } = require('./jest.unit.config');

/** Integration tests boot a real Strapi: one file at a time per worker, generous timeouts. */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  // Unit tests (server/src/**/__tests__) have their own config, jest.unit.config.js, run first by
  // scripts/test.mjs.
  testMatch: [
    '<rootDir>/tests/integration/**/*.test.ts',
    '<rootDir>/tests/reliability/**/*.test.ts',
    '<rootDir>/tests/security/**/*.test.ts',
  ],
  testTimeout: 120000,
  maxWorkers: 1,
  forceExit: true,
};
