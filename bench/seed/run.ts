/**
 * bench/seed: events per second that `seed-usage` writes (events + rollups, in batches), against a
 * baseline measured in the same run: generating the same events without writing them.
 *
 *   DATABASE_CLIENT=sqlite|postgres npx tsx bench/seed/run.ts [perDay]
 */
import { performance } from 'node:perf_hooks';
import { startStrapi } from '../../tests/support/strapi';
import { runBench } from '../support/run';

async function main() {
  const perDay = Number(process.argv[2] ?? 4000);
  const days = 90;
  const app = await startStrapi({ env: { STRAPI_LOG_LEVEL: 'error' } });
  try {
    const seed = app.strapi.plugin('llm').service('seed');
    const { ensureDemoRecords } = await import('../../server/src/seed/demo-records');
    const { generateDays } = await import('../../server/src/seed/generate');
    const { createRandom } = await import('../../server/src/seed/random');
    // Create the demo records first, so the timed run measures usage only.
    await seed.run({ days: 1, perDay: 1 });
    const site = await ensureDemoRecords(app.strapi);

    let t = performance.now();
    let generated = 0;
    for (const day of generateDays(
      site,
      { days, perDay, now: new Date(), timeZone: 'UTC' },
      createRandom(42)
    ))
      generated += day.length;
    const generateMs = performance.now() - t;

    t = performance.now();
    const summary = await seed.run({ days, perDay, seed: 42 });
    const seedMs = performance.now() - t;
    const rate = summary.events / (seedMs / 1000);
    console.log(
      `seed on ${app.strapi.db.dialect.client}: ${summary.events.toLocaleString('en-US')} events in ${(seedMs / 1000).toFixed(1)} s`
    );
    console.log(
      `  written    ${Math.round(rate).toLocaleString('en-US')} events/s (events + rollups, transactional batches)`
    );
    console.log(
      `  baseline   ${Math.round(generated / (generateMs / 1000)).toLocaleString('en-US')} events/s generated, not written (ratio ${(generateMs / seedMs).toFixed(3)})`
    );
    console.log(`  goal       >= 50,000 events/s on SQLite: ${rate >= 50_000 ? 'met' : 'MISSED'}`);
    console.log(
      JSON.stringify({
        database: app.strapi.db.dialect.client,
        events: summary.events,
        seedMs,
        eventsPerSecond: rate,
        generateMs,
      })
    );
  } finally {
    await app.stop();
  }
}

runBench(main);
