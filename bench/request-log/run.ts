/**
 * bench/request-log: GET /llm/requests — the first page and a deep next page, sorted by time,
 * unfiltered and with each single filter — against the no-op admin route (GET /llm/status),
 * measured interleaved (one of each in turn, so both see the same machine), on seeded usage.
 *
 *   DATABASE_CLIENT=sqlite|postgres npx tsx bench/request-log/run.ts [perDay] [days] [rounds] [--write-cost]
 *
 * perDay × days events (default 11,000 × 91 ≈ 1 M). Each filter takes its rarest value in the
 * data (a selective filter is the slow case for an index on time alone).
 *
 * BENCH_REUSE=1 with DATABASE_* pointing at a database an earlier run seeded (and left, when stopped
 * early): boots on it and measures without seeding again (it is kept afterwards).
 */
import type { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import { adminToken } from '../../tests/support/admin';
import { databaseFromEnv } from '../../tests/support/database';
import { startStrapi } from '../../tests/support/strapi';
import { runBench } from '../support/run';
import { fmt, percentile } from '../support/stats';

type Get = (url: string) => Promise<{ body: any }>;

/** The rarest non-null value of a column (ties: the smallest), as the filter's query value. */
async function rarest(knex: Knex, table: string, column: string): Promise<string | null> {
  const [row] = await knex(table)
    .select(column)
    .count({ n: '*' })
    .whereNotNull(column)
    .groupBy(column)
    .orderBy('n', 'asc')
    .orderBy(column, 'asc')
    .limit(1);
  return row ? String((row as Record<string, unknown>)[column]) : null;
}

async function filterQueries(app: Awaited<ReturnType<typeof startStrapi>>, table: string) {
  const knex = app.strapi.db.connection as unknown as Knex;
  const queries: Record<string, string> = { none: '' };
  const columns: Record<string, string> = {
    provider: 'provider_id',
    model: 'model_id',
    configuration: 'configuration_id',
    task: 'task_id',
    user: 'user_id',
    apiToken: 'api_token_id',
    source: 'source',
    contentType: 'entry_uid',
    service: 'service',
    errorCode: 'error_code',
  };
  for (const [key, column] of Object.entries(columns)) {
    const value = await rarest(knex, table, column);
    if (value !== null) queries[key] = `${key}=${encodeURIComponent(value)}`;
  }
  // A value with no calls at all: the whole period is read unless an index starts with the column.
  queries['model (no calls)'] = 'model=2147483646';
  queries['user (no calls)'] = 'user=2147483646';
  queries['user=0 (system)'] = 'user=0';
  queries['status=failure'] = 'status=failure';
  queries['status=blocked'] = 'status=blocked';
  const entry = await knex(table)
    .select('entry_uid', 'entry_document_id')
    .whereNotNull('entry_uid')
    .first();
  if (entry)
    queries.entry = `entry=${encodeURIComponent(`${entry.entry_uid}|${entry.entry_document_id}`)}`;
  queries['range=7d'] = 'range=7d';
  queries['tag (LIKE)'] = 'tag=seed';
  return queries;
}

/** p50/p95 of the no-op route and of a log request, taken in turn `rounds` times. */
async function measure(get: Get, url: string, rounds: number) {
  const base: number[] = [];
  const log: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    let t = performance.now();
    await get('/llm/status');
    base.push(performance.now() - t);
    t = performance.now();
    await get(url);
    log.push(performance.now() - t);
  }
  const p = (xs: number[], q: number) => percentile(xs, q);
  return { base50: p(base, 50), base95: p(base, 95), p50: p(log, 50), p95: p(log, 95) };
}

/**
 * What the log's indexes cost each write: the same batches of usage rows inserted into the seeded
 * table with and without them, alternating, in one session (machine noise hits both alike).
 */
async function writeCost(knex: Knex, table: string, rounds = 4, batch = 5000) {
  const schema = (await import('../../server/src/content-types/usage/schema.json')).default;
  const logIndexes = schema.indexes.filter((index) => index.name.startsWith('llm_usages_log_'));
  const template = (await knex(table).select('*').limit(batch)) as Array<Record<string, unknown>>;
  let copy = 0;
  const insert = async () => {
    copy += 1;
    const rows = template.map(({ id: _id, ...row }, i) => ({
      ...row,
      request_id: `bench-${copy}-${i}`,
      document_id: `bench${copy}x${i}`,
    }));
    const t = performance.now();
    await knex.transaction(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) await trx(table).insert(rows.slice(i, i + 500));
    });
    return (performance.now() - t) / rows.length;
  };
  const timed = { with: [] as number[], without: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    timed.with.push(await insert());
    for (const index of logIndexes)
      await knex.schema.alterTable(table, (t) => t.dropIndex(index.columns, index.name));
    timed.without.push(await insert());
    for (const index of logIndexes)
      await knex.schema.alterTable(table, (t) => t.index(index.columns, index.name));
  }
  const us = (xs: number[]) => (percentile(xs, 50) * 1000).toFixed(1);
  console.log(
    `  write cost: ${us(timed.without)} µs/row without the ${logIndexes.length} log indexes, ${us(timed.with)} µs/row with them (median of ${rounds} batches of ${batch})`
  );
  return timed;
}

async function main() {
  const perDay = Number(process.argv[2] ?? 11_000);
  const days = Number(process.argv[3] ?? 91);
  const rounds = Number(process.argv[4] ?? 40);
  const reuse = process.env.BENCH_REUSE === '1';
  const app = await startStrapi({
    env: { STRAPI_LOG_LEVEL: 'error' },
    ...(reuse && { database: databaseFromEnv() }),
  });
  try {
    const { token } = await adminToken(app.strapi, app.request);
    const get: Get = (url) =>
      app.request.get(url).set('Authorization', `Bearer ${token}`).expect(200);
    const table = app.strapi.db.metadata.get('plugin::llm.usage').tableName;
    const knex = app.strapi.db.connection as unknown as Knex;
    const started = Date.now();
    if (!reuse) await app.strapi.plugin('llm').service('seed').run({ days, perDay, seed: 1 });
    const seconds = (Date.now() - started) / 1000;
    const events = Number((await knex(table).count({ n: '*' }))[0].n);
    console.log(
      `${app.strapi.db.dialect.client}: ${events.toLocaleString('en-US')} events (seeded in ${seconds.toFixed(0)} s)`
    );
    const results = [];
    for (const [name, query] of Object.entries(await filterQueries(app, table))) {
      const sep = query ? '&' : '';
      // The tag filter scans (no index): a few rounds say enough.
      const first = await measure(
        get,
        `/llm/requests?${query}`,
        name.startsWith('tag') ? 5 : rounds
      );
      // A deep page: the cursor after 10 pages of 50.
      let cursor: string | null = null;
      for (let i = 0; i < 10; i += 1) {
        const body: any = (
          await get(`/llm/requests?${query}${cursor ? `${sep}cursor=${cursor}` : ''}`)
        ).body;
        cursor = body.data.nextCursor;
        if (!cursor) break;
      }
      const next = cursor
        ? await measure(get, `/llm/requests?${query}${sep}cursor=${cursor}`, rounds)
        : null;
      results.push({ name, query, first, next });
      const net = (m: typeof first) => fmt(m.p95 - m.base95);
      console.log(
        `  ${name.padEnd(18)} first p50 ${fmt(first.p50)} p95 ${fmt(first.p95)} net ${net(first)}` +
          (next ? ` | page 11 p50 ${fmt(next.p50)} p95 ${fmt(next.p95)} net ${net(next)}` : '')
      );
    }
    for (const sort of ['cost', 'latency', 'tokens']) {
      const m = await measure(get, `/llm/requests?sort=${sort}`, Math.min(rounds, 5));
      console.log(
        `  sort=${sort.padEnd(12)} first p50 ${fmt(m.p50)} p95 ${fmt(m.p95)} net ${fmt(m.p95 - m.base95)}`
      );
      results.push({ name: `sort=${sort}`, first: m });
    }
    const write = process.argv.includes('--write-cost') ? await writeCost(knex, table) : null;
    console.log(JSON.stringify({ database: app.strapi.db.dialect.client, events, results, write }));
  } finally {
    await app.stop({ keepDatabase: reuse });
  }
}

runBench(main);
