import type { Knex } from 'knex';
import { currentClient } from '../support/database';
import {
  createModel,
  createStubProvider,
  flushUsage,
  llm,
  setupStubProvider,
  usageRows,
} from '../support/fixtures';
import { rollupTotal } from '../support/rollups-expected';
import { startStrapi, type TestApp } from '../support/strapi';

describe(`usage survives shutdown and database outages across restarts (${currentClient()})`, () => {
  const stub = setupStubProvider();
  let app: TestApp | undefined;

  afterAll(async () => {
    await app?.stop();
  });

  it('destroy() drains pending writes; what an outage spooled is replayed exactly once at the next boot', async () => {
    const first = await startStrapi();
    const provider = await createStubProvider(first.strapi, stub);
    const model = await createModel(first.strapi, provider, {
      modelId: 'restart',
      priceInput: '1',
      priceOutput: '1',
    });
    const chat = (prompt: string) => llm(first.strapi).chat({ model: model.id, prompt });

    const landed = await Promise.all([1, 2, 3].map((i) => chat(`before ${i}`)));
    await flushUsage(first.strapi);

    // Outage: the usage table is gone while five calls are made; their writes fail and are spooled.
    const knex = first.strapi.db.connection as unknown as Knex;
    const table = first.strapi.db.metadata.get('plugin::llm.usage').tableName;
    await knex.schema.renameTable(table, `${table}_away`);
    const stranded = await Promise.all([1, 2, 3, 4, 5].map((i) => chat(`during ${i}`)));
    await flushUsage(first.strapi);
    await knex.schema.renameTable(`${table}_away`, table);
    expect(await usageRows(first.strapi, { modelId: model.id })).toHaveLength(3);

    // Two more calls, then an immediate shutdown: destroy() must write them before it returns.
    const pending = await Promise.all([1, 2].map((i) => chat(`pending ${i}`)));
    await first.stop({ keepDatabase: true });

    app = await startStrapi({ database: first.db });
    await flushUsage(app.strapi);

    const rows = await usageRows(app.strapi, { modelId: model.id });
    const expected = [...landed, ...stranded, ...pending].map((c) => c.usage.requestId).sort();
    expect(rows.map((r) => r.requestId).sort()).toEqual(expected);
    expect((await rollupTotal(app.strapi, 'model', model.id)).requests).toBe(10n);
  });
});
