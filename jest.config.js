'use strict';

const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

/** Integration tests boot a real Strapi: one file at a time per worker, generous timeouts. */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  // Unit tests touch no database: they run once, in the SQLite pass.
  testMatch: [
    '<rootDir>/tests/integration/**/*.test.ts',
    '<rootDir>/tests/reliability/**/*.test.ts',
    '<rootDir>/tests/security/**/*.test.ts',
    ...((process.env.DATABASE_CLIENT ?? 'sqlite') === 'sqlite'
      ? ['<rootDir>/tests/unit/**/*.test.ts']
      : []),
  ],
  testTimeout: 120000,
  maxWorkers: 1,
  forceExit: true,
};
