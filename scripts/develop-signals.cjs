'use strict';

/**
 * Preloaded into `strapi develop` by scripts/develop.mjs (NODE_OPTIONS=--require).
 *
 * `strapi develop` is a cluster: a primary that compiles and forks, and a worker that runs Strapi.
 * A Ctrl-C signals both. The primary has no handler of its own, so it would die at once; its
 * worker, losing the primary, would then exit in the middle of shutting Strapi down (before the
 * usage writer has drained). Here the primary waits for its worker to finish and exits 0.
 */
const cluster = require('node:cluster');

// Only for this process: the processes it starts (its worker, tools) keep their own signal handling.
process.env.NODE_OPTIONS = (process.env.NODE_OPTIONS ?? '')
  .replace(/--require\s+("[^"]*develop-signals\.cjs"|\S*develop-signals\.cjs)/, '')
  .trim();

if (cluster.isPrimary) {
  let stopping = false;
  const exitWhenNoWorkers = () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      // A second signal: the shutdown hangs; stop waiting.
      if (stopping) process.exit(130);
      stopping = true;
      // The worker got the same signal (one process group) and is shutting Strapi down.
      cluster.on('exit', exitWhenNoWorkers);
      exitWhenNoWorkers();
    });
  }
}
