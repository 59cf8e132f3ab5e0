'use strict';

const base = require('./jest.config');

/** Browser tests: Chromium against the built admin of the playground. */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
  testTimeout: 180000,
  // Photographs and describes the open pages when a test fails (CI shows only the output).
  testEnvironment: '<rootDir>/tests/support/e2e-environment.js',
  setupFilesAfterEnv: ['<rootDir>/tests/support/e2e-setup.ts'],
};
