/**
 * A browser test that fails is run once more, its first failure printed (with the diagnostics of
 * tests/support/e2e-environment.js), and scripts/test.mjs names every test that needed the second
 * run in its summary. CI shares two cores with three databases: a page that misses a 60 s wait
 * once must not decide whether a day's work lands, and must not pass unseen either.
 */
jest.retryTimes(1, { logErrorsBeforeRetry: true });
