import { adminToken, createAdminUser, login } from '../support/admin';
import { expectedFigures, keyed, type RawRow } from '../support/analytics-expected';
import { currentClient } from '../support/database';
import {
  createModel,
  createProvider,
  createTask,
  createConfiguration,
  usageRows,
} from '../support/fixtures';
import { setupStrapiFixture } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const ZONE = 'Europe/Berlin';
// Monday 30 March 2026, 12:15 in Berlin: the day after the switch to summer time.
const NOW = new Date('2026-03-30T10:15:00Z');
const HOUR = 3_600_000;

/** Deterministic pseudo-random numbers, so a failure is reproducible. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe(`the Analytics API, every figure recomputed from raw rows (${currentClient()})`, () => {
  const app = setupStrapiFixture({ env: { LLM_TIME_ZONE: ZONE } });
  let superToken: string;
  let editor: { id: number; email: string; password: string };
  let author: { id: number; email: string; password: string };
  let rows: RawRow[];

  beforeAll(async () => {
    app.strapi
      .plugin('llm')
      .service('analytics')
      .setClock(() => NOW);
    superToken = (await adminToken(app.strapi, app.request)).token;
    editor = await createAdminUser(app.strapi, ['strapi-editor'], {
      firstname: '+SUM(A1)',
      lastname: 'Editor',
    });
    author = await createAdminUser(app.strapi, ['strapi-author']);

    const openai = await createProvider(app.strapi, { adapter: 'openai', name: 'OpenAI main' });
    const anthropic = await createProvider(app.strapi, { adapter: 'anthropic', name: 'Anthropic' });
    const models = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        createModel(app.strapi, i % 2 ? anthropic : openai, {
          modelId: `model-${i}`,
          displayName: `Model ${i}`,
        })
      )
    );
    const configuration = await createConfiguration(app.strapi, models[0]);
    const task = await createTask(app.strapi, configuration, {
      name: 'Summarise',
      promptTemplate: '{{x}}',
    });
    await app.strapi.plugin('llm').service('budget').create({
      name: 'Editor month',
      scope: 'user',
      userId: editor.id,
      monthlyCost: '5',
      onExceed: 'block',
      active: true,
    });

    const random = rng(42);
    const users = [editor.id, author.id, null];
    const services = ['chat', 'embedding', 'translation', 'image'] as const;
    const events: Array<Parameters<typeof writeEvents>[2][number]> = [];
    const make = (occurredAt: Date, extra: Record<string, unknown> = {}) => {
      const m = models[Math.floor(random() * models.length)];
      const outcome = random();
      events.push({
        occurredAt,
        providerId: m.provider?.id ?? (models.indexOf(m) % 2 ? anthropic.id : openai.id),
        modelId: m.id,
        modelKey: m.modelId,
        service: services[Math.floor(random() * services.length)],
        taskId: random() < 0.3 ? task.id : null,
        source: random() < 0.5 ? 'editor-ui' : random() < 0.5 ? '=HYPERLINK("http://x")' : null,
        userId: users[Math.floor(random() * users.length)],
        inputTokens: Math.floor(random() * 5000),
        outputTokens: Math.floor(random() * 800),
        cacheReadTokens: Math.floor(random() * 500),
        cacheWriteTokens: Math.floor(random() * 200),
        costNano: outcome < 0.05 ? null : BigInt(Math.floor(random() * 5_000_000)),
        // The exact part below a nano-dollar, as the gateway stores it; a few calls cost less than one.
        costRemainderFemto: outcome < 0.05 ? 0 : Math.floor(random() * 1_000_000) - 500_000,
        cacheSavingsNano: BigInt(Math.floor(random() * 90_000)),
        priceSource: outcome < 0.05 ? 'none' : 'model',
        success: !(outcome > 0.95),
        errorCode: outcome > 0.98 ? 'budget_exceeded' : outcome > 0.95 ? 'provider_error' : null,
        latencyMs: Math.floor(random() * 3000),
        ...extra,
      });
    };
    for (let h = 0; h < 24 * 400; h += 7) make(new Date(NOW.getTime() - h * HOUR - 60_000));
    // Edges: the last second of February and the first of March in Berlin; both sides of the DST jump.
    make(new Date('2026-02-28T22:59:59Z'));
    make(new Date('2026-02-28T23:00:00Z'));
    make(new Date('2026-03-29T00:59:00Z'));
    make(new Date('2026-03-29T01:00:00Z'));
    // Just outside and inside the hourly range.
    make(new Date(NOW.getTime() - 25 * HOUR));
    make(new Date(NOW.getTime() - 23 * HOUR - 14 * 60_000));
    // Stamped in the future by a clock running ahead: later today, the next hour, and tomorrow.
    // Counted where their timestamps put them: in today's daily figures, in no hourly bucket of now.
    make(new Date(NOW.getTime() + 50 * 60_000), { success: true, errorCode: null });
    make(new Date(NOW.getTime() + 3 * HOUR), { success: true, errorCode: null });
    make(new Date(NOW.getTime() + 30 * HOUR), { success: true, errorCode: null });
    // Calls cheaper than a nano-dollar: priced, never free.
    make(new Date(NOW.getTime() - 2 * HOUR), {
      costNano: 0n,
      costRemainderFemto: 123,
      success: true,
      errorCode: null,
      priceSource: 'model',
    });
    for (let i = 0; i < events.length; i += 500)
      await writeEvents(app.strapi, ZONE, events.slice(i, i + 500));
    // Written behind the gate's back (as only a test does): recount, as seed-usage does after writing.
    await app.strapi.plugin('llm').service('budget').recountAll();
    rows = (await usageRows(app.strapi)) as RawRow[];
  });

  const get = (url: string, token = superToken) =>
    app.request.get(url).set('Authorization', `Bearer ${token}`);

  function compare(doc: any, onlyUser?: number | null) {
    const day = doc.range.bucket === 'day';
    const since = new Date(Math.floor(NOW.getTime() / HOUR) * HOUR - 23 * HOUR);
    const until = since.getTime() + 24 * HOUR;
    const at = (r: RawRow) => new Date(r.occurredAt).getTime();
    const inRange = (r: RawRow) =>
      (day
        ? r.day >= doc.range.from && r.day <= doc.range.to
        : at(r) >= since.getTime() && at(r) < until) &&
      (onlyUser === undefined || (r.userId ?? 0) === (onlyUser ?? 0));
    const expected = expectedFigures(rows, inRange, (r) => (day ? r.day : r.hour));

    expect(doc.kpis).toMatchObject(expected.kpis);
    const trend = Object.fromEntries(
      doc.trend
        .filter((p: any) => p.requests > 0)
        .map((p: any) => [p.bucket, { requests: p.requests, tokens: p.tokens, costUsd: p.costUsd }])
    );
    const expectedTrend = Object.fromEntries(
      Object.entries(expected.byBucket).map(([k, v]) => [
        k,
        { requests: v.requests, tokens: v.tokens, costUsd: v.costUsd },
      ])
    );
    expect(trend).toEqual(expectedTrend);
    for (const name of ['provider', 'model', 'service', 'task', 'source'] as const)
      expect(keyed(doc.breakdowns[name])).toEqual(expected.breakdowns[name]);
    expect(keyed(doc.users.map((u: any) => ({ ...u, key: String(u.userId ?? 0) })))).toEqual(
      expected.users
    );
    const byService = (list: Array<{ service: string }>) =>
      [...list].sort((a, b) => a.service.localeCompare(b.service));
    // Per service on the site view; My usage has the overall figures only.
    expect(byService(doc.latencyByService)).toEqual(
      onlyUser === undefined ? byService(expected.latencyByService) : []
    );
    // The KPI total is the sum of the buckets shown: nothing counted outside the range's time.
    const bucketRequests = doc.trend.reduce((s: number, p: any) => s + p.requests, 0);
    expect(bucketRequests).toBe(doc.kpis.requests);
    return expected;
  }

  it.each(['1d', '7d', '30d', '90d', 'month', '365d'])(
    'range %s: KPIs, trend, breakdowns and users equal the raw rows',
    async (range) => {
      const response = await get(`/llm/analytics?range=${range}`);
      expect(response.status).toBe(200);
      const doc = response.body.data;
      expect(doc.range.key).toBe(range);
      const expected = compare(doc);
      expect(expected.kpis.requests).toBeGreaterThan(0);
    }
  );

  it('cuts buckets in the configured time zone, across the month start and the DST change', async () => {
    const month = (await get('/llm/analytics?range=month')).body.data;
    expect(month.range).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-30',
      bucket: 'day',
      timeZone: ZONE,
    });
    expect(month.trend).toHaveLength(30);
    // 23:00 UTC on 28 Feb is midnight in Berlin: counted in March, the second before is not.
    const march1 = rows.filter((r) => r.day === '2026-03-01');
    expect(
      march1.some((r) => new Date(r.occurredAt).toISOString() === '2026-02-28T23:00:00.000Z')
    ).toBe(true);
    expect(
      rows.find((r) => new Date(r.occurredAt).toISOString() === '2026-02-28T22:59:59.000Z')!.day
    ).toBe('2026-02-28');
    // 01:00 UTC on 29 March is 03:00 summer time: the hour after 01:59 winter time.
    expect(
      rows.find((r) => new Date(r.occurredAt).toISOString() === '2026-03-29T01:00:00.000Z')!.hour
    ).toBe('2026-03-29 03');
    expect(
      rows.find((r) => new Date(r.occurredAt).toISOString() === '2026-03-29T00:59:00.000Z')!.hour
    ).toBe('2026-03-29 01');

    const day = (await get('/llm/analytics?range=1d')).body.data;
    expect(day.range.bucket).toBe('hour');
    expect(day.trend).toHaveLength(24);
    expect(day.trend.at(-1)).toMatchObject({ bucket: '2026-03-30 12', label: '12:00' });
    const week = (await get('/llm/analytics?range=7d')).body.data;
    expect(week.range).toMatchObject({ from: '2026-03-24', to: '2026-03-30' });
  });

  it('falls back to 30 days for an unknown or hostile range', async () => {
    const thirty = (await get('/llm/analytics?range=30d')).body.data;
    for (const bad of ['nope', "30d' OR 1=1 --", '-1', '999999d', '']) {
      const response = await get(`/llm/analytics?range=${encodeURIComponent(bad)}`);
      expect(response.status).toBe(200);
      expect(response.body.data.range.key).toBe('30d');
      expect(response.body.data.kpis).toEqual(thirty.kpis);
    }
  });

  it('folds models beyond the heaviest five into Other, and shows budget bars for the current month', async () => {
    const doc = (await get('/llm/analytics?range=365d')).body.data;
    expect(doc.byModel.series.map((s: any) => s.key)).toContain('other');
    expect(doc.byModel.series).toHaveLength(6);
    // Every dollar of the range is in exactly one stacked series of one bucket.
    const toNano = (usdText: string) => {
      const [whole, fraction = ''] = usdText.split('.');
      return BigInt(whole) * 1_000_000_000_000_000n + BigInt(fraction.padEnd(15, '0'));
    };
    const stacked = doc.byModel.buckets.reduce(
      (sum: bigint, b: any) =>
        sum + Object.values(b.cost as Record<string, string>).reduce((s, v) => s + toNano(v), 0n),
      0n
    );
    expect(stacked).toBe(toNano(doc.kpis.costUsd));
    const stackedTokens = doc.byModel.buckets.reduce(
      (sum: number, b: any) =>
        sum + Object.values(b.tokens as Record<string, number>).reduce((s, v) => s + v, 0),
      0
    );
    expect(stackedTokens).toBe(doc.kpis.tokens);

    const row = doc.users.find((u: any) => u.userId === editor.id);
    const marchCost = rows
      .filter(
        (r) =>
          r.userId === editor.id &&
          r.day >= '2026-03-01' &&
          r.day <= '2026-03-30' &&
          r.errorCode !== 'budget_exceeded'
      )
      .reduce((s, r) => s + (r.costNano === null ? 0n : BigInt(r.costNano)), 0n);
    expect(row.budget).toMatchObject({ limitUsd: '5.00', name: 'Editor month' });
    expect(row.budget.percent).toBe(Number((marchCost * 100n) / 5_000_000_000n));
    // The bar is the current month whatever the range.
    const week = (await get('/llm/analytics?range=7d')).body.data;
    expect(week.users.find((u: any) => u.userId === editor.id).budget).toEqual(row.budget);
    expect(doc.users.find((u: any) => u.userId === null)).toMatchObject({
      name: 'system',
      budget: null,
    });
    expect(doc.users.find((u: any) => u.userId === author.id).budget).toBeNull();
  });

  it('answers 401 without a token, 403 without the permission, 200 with it', async () => {
    expect((await app.request.get('/llm/analytics')).status).toBe(401);
    expect((await get('/llm/analytics', await login(app.request, editor))).status).toBe(403);
    const role = await app.strapi
      .service('admin::role')
      .create({ name: `Analysts ${Date.now()}`, description: 'analytics only' });
    await app.strapi
      .service('admin::role')
      .assignPermissions(role.id, [
        { action: 'plugin::llm.analytics.read', subject: null, properties: {}, conditions: [] },
      ]);
    const analyst = await createAdminUser(app.strapi, [role.id]);
    const analystToken = await login(app.request, analyst);
    expect((await get('/llm/analytics', analystToken)).status).toBe(200);
    expect((await get('/llm/analytics/export?format=csv', analystToken)).status).toBe(200);
    expect((await get('/llm/budgets', analystToken)).status).toBe(403);
  });

  it('my usage shows only the signed-in user, whoever asks', async () => {
    const editorToken = await login(app.request, editor);
    const mine = (await get('/llm/me/analytics?range=90d', editorToken)).body.data;
    expect(mine.users.map((u: any) => u.userId)).toEqual([editor.id]);
    compare(mine, editor.id);
    const authorMine = (await get('/llm/me/analytics?range=90d', await login(app.request, author)))
      .body.data;
    expect(authorMine.users.map((u: any) => u.userId)).toEqual([author.id]);
    expect(authorMine.kpis.requests).not.toBe(mine.kpis.requests);
  });

  it('exports CSV with formula cells neutralised, and JSON equal to the page', async () => {
    const csv = await get('/llm/analytics/export?range=365d&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.text;
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain("'+SUM(A1) Editor");
    expect(text).not.toMatch(/(^|,)[=+@]/m);

    const json = await get('/llm/analytics/export?range=365d&format=json');
    expect(JSON.parse(json.text)).toEqual((await get('/llm/analytics?range=365d')).body.data);
    expect((await get('/llm/analytics/export?format=xlsx')).status).toBe(400);
  });
});
