/**
 * bench/jobs: one forecast computation (GET /llm/analytics/forecast, and the service alone) and one
 * spend-spike evaluation, on a site seeded with `perDay` × 90 days of usage (default ≈ 1 M events).
 * Goal (#18): each at most 1 s.
 *
 *   DATABASE_CLIENT=sqlite|postgres npx tsx bench/jobs/run.ts [perDay] [days]
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
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
}

async function main() {
  const perDay = Number(process.argv[2] ?? 11_112);
  const days = Number(process.argv[3] ?? 90);
  const app = await startStrapi({ env: { STRAPI_LOG_LEVEL: 'error' } });
  try {
    const { token } = await adminToken(app.strapi, app.request);
    const knex = app.strapi.db.connection as unknown as Knex;
    const llm = app.strapi.plugin('llm');
    const started = performance.now();
    await llm.service('seed').run({ days, perDay, seed: 1 });
    const seeding = performance.now() - started;
    const events = Number((await knex('llm_usages').count({ n: '*' }))[0].n);
    const rollups = Number((await knex('llm_usage_rollups').count({ n: '*' }))[0].n);
    const budgets = Number((await knex('llm_budgets').count({ n: '*' }))[0].n);

    const service = await timeIt(20, () => llm.service('forecast').get());
    const route = await timeIt(20, () =>
      app.request.get('/llm/analytics/forecast').set('Authorization', `Bearer ${token}`).expect(200)
    );
    // The first evaluation may claim and send a spike; the later ones find it claimed (or none).
    const spike = await timeIt(20, () => llm.service('alerts').evaluateSpike());
    const digest = await timeIt(1, () => llm.service('alerts').sendDigest());

    const client = app.strapi.db.dialect.client;
    console.log(
      `${client}: ${events.toLocaleString('en-US')} events, ${rollups.toLocaleString('en-US')} rollup rows, ${budgets} budgets (seeded in ${fmt(seeding)})`
    );
    const line = (name: string, t: { p50: number; p95: number; max: number }) =>
      console.log(`  ${name.padEnd(34)} p50 ${fmt(t.p50)}  p95 ${fmt(t.p95)}  max ${fmt(t.max)}`);
    line('forecast (service)', service);
    line('GET /llm/analytics/forecast', route);
    line('spike evaluation', spike);
    line('weekly digest (figures + send)', digest);
    console.log(
      JSON.stringify({ database: client, events, rollups, service, route, spike, digest })
    );
  } finally {
    await app.stop();
  }
}

runBench(main);
