'use strict';

/** The TypeScript transform every jest config here uses (jest.config.js takes it from this file). */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

/**
 * Unit tests: the pure modules, in `__tests__` folders beside them (as Strapi's own plugins keep
 * theirs). No Strapi, no database, no network but the loopback: the whole run takes seconds.
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/server/src/**/__tests__/**/*.test.ts'],
};
