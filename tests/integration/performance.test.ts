import { adminToken, createAdminUser, login } from '../support/admin';
import { expectedPercentile } from '../support/analytics-expected';
import { currentClient } from '../support/database';
import { createModel, createProvider, usageRows } from '../support/fixtures';
import { setupStrapiFixture } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const ZONE = 'Europe/Berlin';
const NOW = new Date('2026-03-30T10:15:00Z');
const HOUR = 3_600_000;
/** The histogram's stated bound (shared/contracts/performance.ts), written out independently. */
const BOUND = 0.25;

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

interface Row {
  day: string;
  hour: string;
  occurredAt: string | number | Date;
  providerId: number | null;
  modelId: number | null;
  success: boolean | number;
  streamed: boolean | number;
  ttftMs: number | null;
  latencyMs: number;
  outputTokens: number;
}

/** Nearest rank the plain way: sort, take the ⌈p·n⌉-th; null without values. */
const nearestRank = (values: number[], p: number) =>
  values.length === 0
    ? null
    : [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil((p * values.length) / 100)) - 1];

/** The panel's figures recomputed from raw rows, per model key. */
function expectedModels(rows: Row[], exact: boolean) {
  const pick = (values: number[], p: number) =>
    exact ? nearestRank(values, p) : expectedPercentile(values, p);
  const out: Record<string, unknown> = {};
  const ok = rows.filter((r) => Boolean(r.success));
  for (const key of new Set(ok.map((r) => String(r.modelId ?? 0)))) {
    const mine = ok.filter((r) => String(r.modelId ?? 0) === key);
    const latencies = mine.map((r) => r.latencyMs);
    const streams = mine.filter((r) => Boolean(r.streamed) && r.ttftMs !== null);
    const ttfts = streams.map((r) => r.ttftMs!);
    const tokens = streams.reduce((s, r) => s + r.outputTokens, 0);
    const generation = streams.reduce((s, r) => s + Math.max(0, r.latencyMs - r.ttftMs!), 0);
    out[key] = {
      latency: { p50Ms: pick(latencies, 50), p95Ms: pick(latencies, 95), calls: latencies.length },
      ttft: { p50Ms: pick(ttfts, 50), p95Ms: pick(ttfts, 95), calls: ttfts.length },
      tokensPerSecond: generation > 0 ? Math.round((tokens * 10_000) / generation) / 10 : null,
    };
  }
  return out;
}

const byKey = (models: any[]) =>
  Object.fromEntries(
    models.map((m) => [
      m.key,
      { latency: m.latency, ttft: m.ttft, tokensPerSecond: m.tokensPerSecond },
    ])
  );

describe(`the Performance API, recomputed from raw rows (${currentClient()})`, () => {
  const app = setupStrapiFixture({ env: { LLM_TIME_ZONE: ZONE } });
  let superToken: string;
  let editorToken: string;
  let authorToken: string;
  let rows: Row[];
  let providers: Array<{ id: number }>;
  let models: Array<{ id: number; displayName: string }>;

  beforeAll(async () => {
    app.strapi
      .plugin('llm')
      .service('analytics')
      .setClock(() => NOW);
    superToken = (await adminToken(app.strapi, app.request)).token;
    editorToken = await login(app.request, await createAdminUser(app.strapi, ['strapi-editor']));
    authorToken = await login(app.request, await createAdminUser(app.strapi, ['strapi-author']));
    providers = await Promise.all([
      createProvider(app.strapi, { adapter: 'openai', name: 'OpenAI' }),
      createProvider(app.strapi, { adapter: 'anthropic', name: 'Anthropic' }),
    ]);
    models = await Promise.all(
      [0, 1, 2].map((i) =>
        createModel(app.strapi, providers[i % 2], { modelId: `m-${i}`, displayName: `Model ${i}` })
      )
    );
    const random = rng(18);
    const events = [];
    for (let h = 0; h < 24 * 100; h += 2) {
      const i = Math.floor(random() * 3);
      // Long-tailed like real calls: log-uniform from 10 ms to 60 s, each model a little slower.
      const latencyMs = Math.round(10 * Math.pow(6000, random()) * (1 + i / 2));
      const streamed = random() < 0.6;
      const outcome = random();
      events.push({
        occurredAt: new Date(NOW.getTime() - h * HOUR - 60_000),
        providerId: providers[i % 2].id,
        modelId: random() < 0.03 ? null : models[i].id,
        latencyMs,
        streamed,
        ttftMs: streamed && random() < 0.9 ? Math.round(latencyMs * random() * 0.6) : null,
        outputTokens: Math.floor(random() * 900),
        success: outcome > 0.08,
        errorCode: outcome > 0.08 ? null : outcome > 0.04 ? 'provider_error' : 'budget_exceeded',
      });
    }
    for (let i = 0; i < events.length; i += 500)
      await writeEvents(app.strapi, ZONE, events.slice(i, i + 500));
    rows = (await usageRows(app.strapi)) as Row[];
  });

  const get = (query: string, token = superToken) =>
    app.request.get(`/llm/analytics/performance?${query}`).set('Authorization', `Bearer ${token}`);
  const inDays = (from: string, to: string) => (r: Row) => r.day >= from && r.day <= to;

  it('answers a short range exactly: nearest-rank latency, TTFT and tokens/s per model from raw rows', async () => {
    const response = await get('range=7d');
    expect(response.status).toBe(200);
    const doc = response.body.data;
    expect(doc).toMatchObject({ method: 'exact', maxRelativeError: 0 });
    expect(doc.range).toMatchObject({ key: '7d', from: '2026-03-24', to: '2026-03-30' });
    const shown = rows.filter(inDays('2026-03-24', '2026-03-30'));
    expect(byKey(doc.models)).toEqual(expectedModels(shown, true));
    expect(doc.models.length).toBeGreaterThanOrEqual(3);
    expect(doc.models.find((m: any) => m.key === String(models[1].id)).label).toBe('Model 1');
    // Most calls first.
    const calls = doc.models.map((m: any) => m.latency.calls);
    expect(calls).toEqual([...calls].sort((a, b) => b - a));
    // Each day's figure is that day's raw rows.
    expect(doc.buckets).toHaveLength(7);
    for (const bucket of doc.buckets) {
      const expected = expectedModels(
        shown.filter((r) => r.day === bucket.bucket),
        true
      ) as any;
      expect(bucket.models).toEqual(
        Object.fromEntries(Object.entries(expected).map(([k, v]: [string, any]) => [k, v.latency]))
      );
    }
  });

  it('answers the hourly range exactly, per hour', async () => {
    const doc = (await get('range=1d')).body.data;
    expect(doc.method).toBe('exact');
    expect(doc.range.bucket).toBe('hour');
    expect(doc.buckets).toHaveLength(24);
    const since = Math.floor(NOW.getTime() / HOUR) * HOUR - 23 * HOUR;
    const shown = rows.filter((r) => {
      const at = new Date(r.occurredAt).getTime();
      return at >= since && at < since + 24 * HOUR;
    });
    expect(byKey(doc.models)).toEqual(expectedModels(shown, true));
  });

  it('answers 90 days from the histograms, within the stated bound of the exact figures', async () => {
    const doc = (await get('range=90d')).body.data;
    expect(doc).toMatchObject({ method: 'histogram', maxRelativeError: BOUND });
    const shown = rows.filter(inDays(doc.range.from, doc.range.to));
    // The bucket bound of the exact nearest-rank value; tokens/s is exact (a ratio of sums).
    expect(byKey(doc.models)).toEqual(expectedModels(shown, false));
    const exact = expectedModels(shown, true) as any;
    let checked = 0;
    for (const model of doc.models)
      for (const figure of ['latency', 'ttft'] as const)
        for (const p of ['p50Ms', 'p95Ms'] as const) {
          const truth = exact[model.key][figure][p];
          if (truth === null || truth < 10) continue;
          expect(model[figure][p]).toBeGreaterThanOrEqual(truth);
          expect(model[figure][p]).toBeLessThanOrEqual(truth * (1 + BOUND));
          checked += 1;
        }
    expect(checked).toBeGreaterThanOrEqual(12);
    expect(doc.buckets).toHaveLength(90);
  });

  it('honours filters: a provider (exact, from raw rows) and a model (still the histogram)', async () => {
    const provider = providers[1].id;
    const byProvider = (await get(`range=90d&provider=${provider}`)).body.data;
    expect(byProvider.method).toBe('exact');
    const shown = rows.filter(inDays(byProvider.range.from, byProvider.range.to));
    expect(byKey(byProvider.models)).toEqual(
      expectedModels(
        shown.filter((r) => r.providerId === provider),
        true
      )
    );
    // Model 1 is the only model of that provider (plus its few calls without a model).
    expect(byProvider.models[0].key).toBe(String(models[1].id));
    expect(byProvider.models.map((m: any) => m.key).sort()).toEqual(
      ['0', String(models[1].id)].sort()
    );

    const byModel = (await get(`range=90d&model=${models[2].id}`)).body.data;
    expect(byModel.method).toBe('histogram');
    expect(byModel.models.map((m: any) => m.key)).toEqual([String(models[2].id)]);
    expect(byKey(byModel.models)).toEqual(
      expectedModels(
        shown.filter((r) => r.modelId === models[2].id),
        false
      )
    );
    // Failed calls have no performance figures.
    expect((await get('range=7d&status=failure')).body.data.models).toEqual([]);
  });

  it('reads a from–to period, cut at today', async () => {
    const doc = (await get('from=2026-03-10&to=2026-04-20')).body.data;
    expect(doc.range).toMatchObject({ key: 'custom', from: '2026-03-10', to: '2026-03-30' });
    expect(doc.method).toBe('histogram');
    expect(byKey(doc.models)).toEqual(
      expectedModels(rows.filter(inDays('2026-03-10', '2026-03-30')), false)
    );
    const short = (await get('from=2026-03-02&to=2026-03-04')).body.data;
    expect(short.method).toBe('exact');
    expect(byKey(short.models)).toEqual(
      expectedModels(rows.filter(inDays('2026-03-02', '2026-03-04')), true)
    );
  });

  it('refuses a bad period or filter with a 400 naming it', async () => {
    for (const [query, field] of [
      ['range=nope', 'range'],
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['from=2026-03-01', 'to'],
      ['from=2026-03-10&to=2026-03-01', 'from'],
      ['from=2027-01-01&to=2027-01-02', 'from'],
      ['from=2020-01-01&to=2026-01-01', 'to'],
      ['model=abc', 'model'],
      ['status=slow', 'status'],
      ["provider=1'%20OR%201=1", 'provider'],
    ]) {
      const response = await get(query);
      expect([query, response.status]).toEqual([query, 400]);
      expect(response.body.error.message).toContain(field);
    }
  });

  it('is for analytics readers only: 401 without a token, 403 for an Editor and an Author', async () => {
    expect((await app.request.get('/llm/analytics/performance')).status).toBe(401);
    expect((await get('range=7d', editorToken)).status).toBe(403);
    expect((await get('range=7d', authorToken)).status).toBe(403);
  });
});
