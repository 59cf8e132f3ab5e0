/**
 * bench/analytics/performance: GET /llm/analytics/performance after seed-usage wrote 90 days —
 * the histogram path (90 days unfiltered), the exact path of a short range (7 days), and the exact
 * path's worst case (90 days of raw rows, because a filter other than model is set).
 *
 *   DATABASE_CLIENT=sqlite|postgres npx tsx bench/analytics/performance.ts [perDay]
 */
import type { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import { adminToken } from '../../tests/support/admin';
import { startStrapi } from '../../tests/support/strapi';
import { runBench } from '../support/run';
import { fmt, percentile } from '../support/stats';

async function timeIt(times: number, run: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function main() {
  const perDay = Number(process.argv[2] ?? 11_100);
  const app = await startStrapi({ env: { STRAPI_LOG_LEVEL: 'error' } });
  try {
    const { token } = await adminToken(app.strapi, app.request);
    const knex = app.strapi.db.connection as unknown as Knex;
    const usage = app.strapi.db.metadata.get('plugin::llm.usage').tableName;
    const started = performance.now();
    await app.strapi.plugin('llm').service('seed').run({ days: 90, perDay, seed: 1 });
    const seeding = performance.now() - started;
    const events = Number((await knex(usage).count({ n: '*' }))[0].n);
    console.log(
      `${app.strapi.db.dialect.client}: ${events.toLocaleString('en-US')} events (seeded in ${fmt(seeding)})`
    );
    for (const query of ['range=90d', 'range=7d', 'range=90d&service=chat']) {
      let method = '';
      const time = await timeIt(10, async () => {
        const response = await app.request
          .get(`/llm/analytics/performance?${query}`)
          .set('Authorization', `Bearer ${token}`)
          .expect(200);
        method = response.body.data.method;
      });
      console.log(
        `  GET /llm/analytics/performance?${query.padEnd(24)} ${method.padEnd(9)} p50 ${fmt(time.p50)}  p95 ${fmt(time.p95)}`
      );
    }
  } finally {
    await app.stop();
  }
}

runBench(main);
