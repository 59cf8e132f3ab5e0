/**
 * bench/analytics: GET /llm/analytics?range=90d and the list-columns request for a page of 100 rows,
 * at two sizes of usage in one run, against the naive page an implementation without rollups would
 * run (the same five GROUP BYs over the raw events) measured at the same moment.
 *
 *   DATABASE_CLIENT=sqlite|postgres npx tsx bench/analytics/run.ts [smallPerDay] [largePerDay]
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
  const sizes = [Number(process.argv[2] ?? 1100), Number(process.argv[3] ?? 11000)];
  const app = await startStrapi({ env: { STRAPI_LOG_LEVEL: 'error' } });
  try {
    const { token } = await adminToken(app.strapi, app.request);
    const knex = app.strapi.db.connection as unknown as Knex;
    const usage = app.strapi.db.metadata.get('plugin::llm.usage').tableName;
    const seed = app.strapi.plugin('llm').service('seed');
    const results = [];
    for (const perDay of sizes) {
      const summary = await seed.run({ days: 90, perDay, seed: 1 });
      const events = Number((await knex(usage).count({ n: '*' }))[0].n);
      const rollups = Number((await knex('llm_usage_rollups').count({ n: '*' }))[0].n);
      const models = (await app.strapi.db.query('plugin::llm.model').findMany({})).map(
        (m: any) => m.id
      );
      const ids = Array.from(
        { length: 100 },
        (_, i) => models[i % models.length] + (i >= models.length ? 100000 + i : 0)
      );

      // Baseline: an authenticated admin route that does nothing (JWT, session and permission checks).
      const baseline = await timeIt(30, () =>
        app.request.get('/llm/status').set('Authorization', `Bearer ${token}`).expect(200)
      );
      const page = await timeIt(30, () =>
        app.request
          .get('/llm/analytics?range=90d')
          .set('Authorization', `Bearer ${token}`)
          .expect(200)
      );
      // Issue 18: filtered views (one key reads filter-scoped rollups; several keys read raw rows)
      // and a custom period. Every page carries its comparison with the period before.
      const someUser = (await knex(usage).whereNotNull('user_id').first('user_id'))?.user_id ?? 0;
      const views = {
        'one filter (model)': `range=90d&model=${models[0]}`,
        'one key, two values (model)': `range=90d&model=${models[0]}&model=${models[1]}`,
        'role filter': `range=90d&role=1`,
        'three filters (model+status+user)': `range=90d&model=${models[0]}&status=success&user=${someUser}`,
        'custom from–to (45 days)': `from=${new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() - 16 * 86_400_000).toISOString().slice(0, 10)}`,
      };
      const filtered: Record<string, { p50: number; p95: number }> = {};
      for (const [name, query] of Object.entries(views))
        filtered[name] = await timeIt(30, () =>
          app.request
            .get(`/llm/analytics?${query}`)
            .set('Authorization', `Bearer ${token}`)
            .expect(200)
        );
      const columns = await timeIt(30, () =>
        app.request
          .get(`/llm/usage-columns/model?ids=${ids.join(',')}`)
          .set('Authorization', `Bearer ${token}`)
          .expect(200)
      );
      const from = new Date(Date.now() - 90 * 86_400_000);
      const naive = await timeIt(3, () =>
        Promise.all(
          ['day', 'model_id', 'provider_id', 'service', 'user_id'].map((column) =>
            knex(usage)
              .select(column)
              .sum({ cost: 'cost_nano', input: 'input_tokens', output: 'output_tokens' })
              .count({ n: '*' })
              .where('occurred_at', '>=', from)
              .groupBy(column)
          )
        )
      );
      results.push({
        perDay,
        events,
        rollups,
        baseline,
        page,
        columns,
        naive,
        filtered,
        seeded: summary.events,
      });
      console.log(
        `${app.strapi.db.dialect.client}: ${events.toLocaleString('en-US')} events, ${rollups.toLocaleString('en-US')} rollup rows`
      );
      console.log(
        `  baseline GET /llm/status       p50 ${fmt(baseline.p50)}  p95 ${fmt(baseline.p95)}`
      );
      console.log(
        `  GET /llm/analytics?range=90d   p50 ${fmt(page.p50)}  p95 ${fmt(page.p95)}  (net p95 ${fmt(page.p95 - baseline.p95)})`
      );
      for (const [name, t] of Object.entries(filtered))
        console.log(
          `  ${name.padEnd(34)} p50 ${fmt(t.p50)}  p95 ${fmt(t.p95)}  (net p50 ${fmt(t.p50 - baseline.p50)}, p95 ${fmt(t.p95 - baseline.p95)})`
        );
      console.log(
        `  usage columns, 100 rows        p50 ${fmt(columns.p50)}  p95 ${fmt(columns.p95)}  (${fmt(columns.p95 - baseline.p95)} over the baseline)`
      );
      console.log(
        `  naive GROUP BYs over events    p50 ${fmt(naive.p50)}  (${(naive.p50 / page.p50).toFixed(0)}x the page)`
      );
    }
    const [small, large] = results;
    console.log(
      `  growth ${small.events.toLocaleString('en-US')} → ${large.events.toLocaleString('en-US')} events: page p95 x${(large.page.p95 / small.page.p95).toFixed(2)}, naive x${(large.naive.p50 / small.naive.p50).toFixed(2)}`
    );
    console.log(JSON.stringify({ database: app.strapi.db.dialect.client, results }));
  } finally {
    await app.stop();
  }
}

runBench(main);
