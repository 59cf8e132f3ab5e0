'use strict';

const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

/** Integration tests boot a real Strapi: one file at a time per worker, generous timeouts. */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/tests/unit/**/*.test.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
  forceExit: true,
};
