/**
 * bench/analytics/profile: where one Analytics page's time goes — each of its queries timed alone.
 *
 *   DATABASE_CLIENT=sqlite|postgres npx tsx bench/analytics/profile.ts [perDay] [query]
 */
import { performance } from 'node:perf_hooks';
import { adminToken } from '../../tests/support/admin';
import { startStrapi } from '../../tests/support/strapi';
import { runBench } from '../support/run';
import { fmt, percentile } from '../support/stats';

async function main() {
  const perDay = Number(process.argv[2] ?? 16300);
  const query = process.argv[3] ?? 'range=90d';
  const app = await startStrapi({ env: { STRAPI_LOG_LEVEL: 'error' } });
  try {
    const { token } = await adminToken(app.strapi, app.request);
    await app.strapi.plugin('llm').service('seed').run({ days: 90, perDay, seed: 1 });
    const times = new Map<string, number[]>();
    // Every query's time from knex's own events (SQLite runs them one at a time, so they add up).
    const knex = app.strapi.db.connection;
    const started = new Map<string, number>();
    knex.on('query', (q: any) => started.set(q.__knexQueryUid, performance.now()));
    knex.on('query-response', (_r: unknown, q: any) => {
      const key = String(q.sql).replace(/\s+/g, ' ').slice(0, 160);
      const list = times.get(key) ?? [];
      list.push(performance.now() - (started.get(q.__knexQueryUid) ?? performance.now()));
      times.set(key, list);
    });
    const page: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const t = performance.now();
      await app.request
        .get(`/llm/analytics?${query}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      page.push(performance.now() - t);
    }
    console.log(`page p50 ${fmt(percentile(page, 50))} p95 ${fmt(percentile(page, 95))}`);
    const rows = [...times.entries()].map(([sql, list]) => ({
      sql,
      n: list.length,
      p50: percentile(list, 50),
      total: list.reduce((a, b) => a + b, 0) / 20,
    }));
    rows.sort((a, b) => b.total - a.total);
    for (const r of rows.slice(0, 40))
      console.log(`${fmt(r.total).padStart(9)} /page  n=${r.n}  p50 ${fmt(r.p50)}  ${r.sql}`);
  } finally {
    await app.stop();
  }
}

runBench(main);
