import { currentClient } from '../support/database';
import { rollupRows } from '../support/fixtures';
import { setupStrapiFixture } from '../support/strapi';
import { writeEvents } from '../support/usage-events';
import { BACKFILLS, createRollupBackfill } from '../../server/src/usage/rollup-backfill';

const ROLLUPS = 'plugin_llm_rollup-backfill-18';
const CUBE = 'plugin_llm_cube-backfill-18';

const ZONE = 'Europe/Berlin';
const isNew = (dimension: string) => ['apiToken', 'errorCode', 'tag'].includes(dimension);

describe(`rebuilding issue 18's rollup rows for usage stored before it (${currentClient()})`, () => {
  const app = setupStrapiFixture({ env: { LLM_TIME_ZONE: ZONE } });

  /** The new rows, by identity, with their requests, blocked and cost (what the views read). */
  async function newRows() {
    const rows = (await rollupRows(app.strapi)).filter((r: any) => isNew(r.dimension));
    return Object.fromEntries(
      rows.map((r: any) => [
        `${r.day}|${r.userId}|${r.dimension}|${r.dimensionKey}|${Boolean(r.seeded)}`,
        `${r.requests}/${r.blockedRequests}/${r.costNano}/${r.costRemainderFemto}/${r.inputTokens}`,
      ])
    );
  }

  it('rebuilds exactly the rows the writer now adds, once, and never twice', async () => {
    const at = (days: number) => new Date(Date.parse('2026-03-20T10:00:00Z') - days * 86_400_000);
    const events = Array.from({ length: 300 }, (_, i) => ({
      occurredAt: at(i % 40),
      modelId: 1 + (i % 3),
      providerId: 1 + (i % 2),
      userId: i % 4 === 0 ? null : 1,
      apiTokenId: i % 4 === 0 ? 7 : null,
      service: (['chat', 'embedding'] as const)[i % 2],
      inputTokens: i,
      costNano: BigInt(1000 + i),
      costRemainderFemto: i * 3,
      success: i % 9 !== 0,
      errorCode: i % 9 === 0 ? (i % 2 ? 'rate_limited' : 'budget_exceeded') : null,
      metadata: i % 5 === 0 ? { tags: ['newsletter', 'seo'] } : i % 7 === 0 ? { tag: 'seo' } : null,
    }));
    await writeEvents(app.strapi, ZONE, events);
    const expected = await newRows();
    expect(Object.keys(expected).length).toBeGreaterThan(300);

    // The site before the upgrade: the same usage without the new rows, and no note of it yet.
    const knex = app.strapi.db.connection;
    const rollupTable = app.strapi.db.metadata.get('plugin::llm.usage-rollup').tableName;
    const all = await knex(rollupTable).select('id', 'dimension');
    const ids = all.filter((r: any) => isNew(r.dimension)).map((r: any) => r.id);
    for (let i = 0; i < ids.length; i += 500)
      await knex(rollupTable)
        .whereIn('id', ids.slice(i, i + 500))
        .del();
    const store = app.strapi.db.metadata.get('strapi::core-store').tableName;
    await knex(store).where({ key: 'plugin_llm_rollup-backfill-18' }).del();
    expect(await newRows()).toEqual({});

    const backfill = createRollupBackfill(app.strapi, ROLLUPS, BACKFILLS[ROLLUPS]);
    await backfill.mark();
    expect(await backfill.run()).toBe(300);
    expect(await newRows()).toEqual(expected);
    // Once: a second run (another boot) folds nothing.
    await backfill.mark();
    expect(await backfill.run()).toBe(0);
    expect(await newRows()).toEqual(expected);
    // A call written after the mark has its rows from the writer, and is not folded again.
    await writeEvents(app.strapi, ZONE, [
      { occurredAt: at(1), modelId: 1, metadata: { tag: 'late' } },
    ]);
    expect(await backfill.run()).toBe(0);
    const after = await newRows();
    const lateKey = Object.keys(after).find((key) => key.includes('|-1|tag|late|'))!;
    expect(after[lateKey].split('/')[0]).toBe('1');
  });

  it('rebuilds the daily combinations filtered views read, once', async () => {
    const knex = app.strapi.db.connection;
    const cubeTable = app.strapi.db.metadata.get('plugin::llm.usage-cube').tableName;
    const cubeRows = async () =>
      Object.fromEntries(
        (await app.strapi.db.query('plugin::llm.usage-cube').findMany({})).map((r: any) => [
          `${r.day}|${r.combo}|${Boolean(r.seeded)}|${r.modelId}|${r.status}|${r.tag}`,
          `${r.requests}/${r.blockedRequests}/${r.costNano}/${r.costRemainderFemto}/${r.inputTokens}`,
        ])
      );
    const expected = await cubeRows();
    // The 301 calls of the first test: tagged ones add a row per tag.
    expect(Object.keys(expected).length).toBeGreaterThan(100);
    await knex(cubeTable).del();
    const store = app.strapi.db.metadata.get('strapi::core-store').tableName;
    await knex(store).where({ key: CUBE }).del();

    const backfill = createRollupBackfill(app.strapi, CUBE, BACKFILLS[CUBE]);
    await backfill.mark();
    expect(await backfill.run()).toBe(301);
    expect(await cubeRows()).toEqual(expected);
    await backfill.mark();
    expect(await backfill.run()).toBe(0);
    expect(await cubeRows()).toEqual(expected);
  });
});
