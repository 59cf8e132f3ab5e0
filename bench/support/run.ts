/** Runs a benchmark's main and exits with its outcome (Strapi keeps handles open otherwise). */
export function runBench(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    }
  );
}
