import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../tests/support/paths';

/** Benchmarks boot the compiled playground (a TypeScript app), as the tests do. */
function compilePlayground() {
  const result = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'scripts/playground-compile.mjs')],
    { stdio: 'inherit' }
  );
  if (result.status !== 0) throw new Error('the playground did not compile');
}

/** Runs a benchmark's main and exits with its outcome (Strapi keeps handles open otherwise). */
export function runBench(main: () => Promise<void>) {
  Promise.resolve()
    .then(compilePlayground)
    .then(main)
    .then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      }
    );
}
