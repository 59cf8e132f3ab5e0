import { adminToken } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';

const SQLISH = [
  "1' OR '1'='1",
  "'; DROP TABLE llm_usages; --",
  '1; DELETE FROM llm_budgets',
  '" OR ""="',
  '%27%20OR%201=1',
];

describe(`bad input gets a clear answer and loses nothing (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({ stub: { resetBeforeEach: true } });
  let token: string;
  let model: any;
  let task: any;

  beforeAll(async () => {
    ({ token } = await adminToken(app.strapi, app.request));
    let configuration: any;
    ({ model, configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'bad-input', priceInput: '1', priceOutput: '1' },
    }));
    task = await createTask(app.strapi, configuration, { promptTemplate: 'Say {{x}}' });
  });

  const get = (path: string) => app.request.get(path).set('Authorization', `Bearer ${token}`);
  const post = (path: string, body: unknown) =>
    app.request
      .post(path)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
  const usageTableIsThere = async () =>
    expect(await app.strapi.db.query('plugin::llm.usage').count({})).toBeGreaterThanOrEqual(0);

  it('hostile range values fall back to 30 days; hostile ids and names are 400s or data, never SQL', async () => {
    for (const range of [...SQLISH, 'x'.repeat(5000), '', '365d; DROP', '__proto__']) {
      const response = await get(`/llm/analytics?range=${encodeURIComponent(range)}`);
      expect(response.status).toBe(200);
      expect(response.body.data.range.key).toBe('30d');
    }
    expect((await get('/llm/analytics?range[]=1d&range[]=7d')).body.data.range.key).toBe('30d');
    for (const bad of SQLISH) {
      expect((await get(`/llm/usage-columns/model?ids=${encodeURIComponent(bad)}`)).status).toBe(
        400
      );
      expect(
        (await get(`/llm/entries/api::article.article/${encodeURIComponent(bad)}/usage`)).status
      ).toBe(400);
      expect(
        (await post(`/llm/tasks/${encodeURIComponent(bad)}/run`, { variables: { x: 'y' } })).status
      ).toBe(404);
      expect(
        (
          await post(`/llm/tasks/${encodeURIComponent(bad)}/estimate`, {
            contentType: 'api::article.article',
            documentIds: [],
          })
        ).status
      ).toBe(404);
    }
    expect((await get('/llm/usage-columns/nope?ids=1')).status).toBe(404);
    await usageTableIsThere();
  });

  it('SQL-looking strings in names, sources and variables are stored verbatim', async () => {
    const names = [];
    for (const bad of SQLISH) {
      const created = await post('/llm/budgets', {
        name: bad,
        scope: 'site',
        dailyRequests: 1000,
        onExceed: 'block',
        active: true,
      });
      expect(created.status).toBe(201);
      names.push(created.body.data.name);
      const run = await post(`/llm/tasks/${task.id}/run`, { variables: { x: bad } });
      expect(run.status).toBe(200);
      await llm(app.strapi).chat({
        model: model.id,
        prompt: bad,
        source: bad.slice(0, 120),
        user: null,
      });
    }
    expect(names).toEqual(SQLISH);
    await flushUsage(app.strapi);
    const sources = (await usageRows(app.strapi, { source: { $in: SQLISH } })).map((r) => r.source);
    expect(new Set(sources)).toEqual(new Set(SQLISH));
    expect(
      stub.requests.some((r) => JSON.stringify(r.body).includes("'; DROP TABLE llm_usages; --"))
    ).toBe(true);
    await usageTableIsThere();
    await app.strapi.db.query('plugin::llm.budget').deleteMany({});
    app.strapi.plugin('llm').service('budget').invalidate();
  });

  it('export cells that start with a formula character are neutralised', async () => {
    for (const source of [
      '=HYPERLINK("http://evil")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\tTAB',
      '\rCR',
    ]) {
      await llm(app.strapi).chat({ model: model.id, prompt: 'x', source, user: null });
    }
    await flushUsage(app.strapi);
    const csv = (await get('/llm/analytics/export?range=1d&format=csv')).text;
    const cells = csv.split(/\r\n/).flatMap((line) => line.split(','));
    for (const cell of cells) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain("'+1+1");
  });

  it('negative and absurd token counts from a provider are not trusted: counted with the tokenizer and marked estimated', async () => {
    const results = [];
    for (const usage of [
      { input: -5, output: 10 },
      { input: 12, output: -1 },
      { input: 1e15, output: 3 },
      { input: 4, output: 2 ** 60 },
    ]) {
      stub.next({ usage, text: 'a short answer' });
      results.push(
        await llm(app.strapi).chat({ model: model.id, prompt: 'count me please', user: null })
      );
    }
    await flushUsage(app.strapi);
    for (const result of results) {
      const [row] = await usageRows(app.strapi, { requestId: result.usage.requestId });
      expect(row.tokensEstimated).toBe(true);
      expect(row.inputTokens).toBeGreaterThanOrEqual(0);
      expect(row.inputTokens).toBeLessThan(1000);
      expect(row.outputTokens).toBeGreaterThanOrEqual(0);
      expect(row.outputTokens).toBeLessThan(1000);
      expect(BigInt(row.costNano)).toBeLessThan(1_000_000_000n);
    }
  });

  it('invalid prices and budget limits are refused with a message that names the field', async () => {
    const provider = (await app.strapi.db.query('plugin::llm.provider').findMany({}))[0];
    for (const priceInput of ['-1', 'abc', '1e-3', '0.0000000001', '1,5']) {
      const response = await post('/content-manager/collection-types/plugin::llm.model', {
        displayName: 'x',
        modelId: `bad-${priceInput}`,
        provider: provider.id,
        priceInput,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/priceInput/);
      expect(
        await app.strapi.db
          .query('plugin::llm.model')
          .findOne({ where: { modelId: `bad-${priceInput}` } })
      ).toBeNull();
    }
    for (const body of [
      { name: 'neg', scope: 'site', dailyCost: '-1', onExceed: 'block' },
      { name: 'nan', scope: 'site', monthlyTokens: 'NaN', onExceed: 'block' },
      { name: 'huge', scope: 'site', dailyRequests: 1e30, onExceed: 'block' },
      { name: 'no scope', dailyCost: '1', onExceed: 'block' },
      { name: 'no user', scope: 'user', dailyCost: '1', onExceed: 'block' },
      // Not lists, and a number where text is due: refused, never cast or dropped to a default.
      { name: 'csv thresholds', scope: 'site', dailyCost: '1', alertThresholds: '50,90' },
      { name: 'json thresholds', scope: 'site', dailyCost: '1', alertThresholds: '[50]' },
      { name: 'text thresholds', scope: 'site', dailyCost: '1', alertThresholds: ['50'] },
      { name: 'float cost', scope: 'site', dailyCost: 0.5 },
      { name: 7, scope: 'site', dailyCost: '1' },
    ]) {
      const response = await post('/llm/budgets', body);
      expect(response.status).toBe(400);
      expect(typeof response.body.error.message).toBe('string');
      expect(response.body.error.message.length).toBeGreaterThan(5);
    }
  });

  it('oversized payloads are refused, and the site keeps working', async () => {
    const response = await post(`/llm/tasks/${task.id}/run`, {
      variables: { x: 'y'.repeat(3 * 1024 * 1024) },
    });
    expect(response.status).toBe(413);
    expect((await post(`/llm/tasks/${task.id}/run`, { variables: { x: 'small' } })).status).toBe(
      200
    );
    expect((await post(`/llm/tasks/${task.id}/run`, { variables: 'not an object' })).status).toBe(
      400
    );
    expect(
      (await post(`/llm/tasks/${task.id}/run`, { variables: { x: 'y' }, entry: { uid: 42 } }))
        .status
    ).toBe(400);
    // Null variables are no variables, as they always were: the template then misses {{x}}.
    const noVariables = await post(`/llm/tasks/${task.id}/run`, { variables: null });
    expect([noVariables.status, noVariables.body.error?.message]).toEqual([
      400,
      expect.stringContaining('Missing task variable'),
    ]);
    // Document ids are text: a number is refused, not cast.
    const estimate = await post(`/llm/tasks/${task.id}/estimate`, {
      contentType: 'api::article.article',
      documentIds: [123],
    });
    expect([estimate.status, estimate.body.error?.message]).toEqual([
      400,
      expect.stringContaining('documentIds'),
    ]);
  });
});
