import { adminToken, createAdminUser, login } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createModel,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';
import { writeEvents } from '../support/usage-events';

const ZONE = 'Europe/Berlin';
// Sunday 15 March 2026, 11:00 in Berlin: this month is 15 days old, last month (February) had 28.
const NOW = new Date('2026-03-15T10:00:00Z');
const HOUR = 3_600_000;

interface Row {
  day: string;
  occurredAt: string | number | Date;
  providerId: number | null;
  modelId: number | null;
  userId: number | null;
  costNano: string | number | null;
  costRemainderFemto: number | null;
  success: boolean | number;
  errorCode: string | null;
  latencyMs: number;
}

/** A refusal by a budget reached no provider: no request, no spend. */
const blocked = (r: Row) => r.errorCode === 'budget_exceeded';

/** Exact femto-USD of rows' cost (whole nano-USD plus the stored remainder), by plain loops. */
const femtoOf = (rows: Row[]) =>
  rows.reduce(
    (sum, r) =>
      r.costNano === null || blocked(r)
        ? sum
        : sum + BigInt(r.costNano) * 1_000_000n + BigInt(r.costRemainderFemto ?? 0),
    0n
  );

/** The same as decimal USD text. */
function usdOf(rows: Row[]) {
  const femto = femtoOf(rows);
  const unit = 10n ** 15n;
  const abs = femto < 0n ? -femto : femto;
  const fraction = (abs % unit).toString().padStart(15, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${femto < 0n ? '-' : ''}${abs / unit}.${fraction}`;
}

/** The top three of rows grouped by a key: most expensive first, then most requests. */
function topThree(rows: Row[], key: 'modelId' | 'userId') {
  const groups = new Map<number, Row[]>();
  for (const r of rows) {
    const id = r[key] ?? 0;
    if (id > 0 && !blocked(r)) groups.set(id, [...(groups.get(id) ?? []), r]);
  }
  return [...groups.entries()]
    .map(([id, list]) => ({ id, femto: femtoOf(list), cost: usdOf(list), requests: list.length }))
    .sort((a, b) => (b.femto > a.femto ? 1 : b.femto < a.femto ? -1 : b.requests - a.requests))
    .slice(0, 3)
    .map(({ id, cost, requests }) => ({ id, cost, requests }));
}

describe(`the Overview API, every figure recomputed from raw rows (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    env: { LLM_TIME_ZONE: ZONE },
    stub: { defaultBehavior: { usage: { input: 10, output: 20 } } },
  });
  let superToken: string;
  let editor: { id: number; email: string; password: string };
  let author: { id: number; email: string; password: string };
  let provider: { id: number; name: string };
  let quiet: { id: number };
  let rows: Row[];

  beforeAll(async () => {
    app.strapi
      .plugin('llm')
      .service('analytics')
      .setClock(() => NOW);
    superToken = (await adminToken(app.strapi, app.request)).token;
    editor = await createAdminUser(app.strapi, ['strapi-editor']);
    author = await createAdminUser(app.strapi, ['strapi-author']);
    const configured = await withConfiguredModel(app.strapi, stub, {
      provider: { name: 'Stub OpenAI' },
      model: { modelId: 'metered', displayName: 'Metered', priceInput: '1', priceOutput: '2' },
      configuration: { maxOutputTokens: 100 },
    });
    provider = configured.provider;
    quiet = await app.strapi.db
      .query('plugin::llm.provider')
      .create({ data: { name: 'Never called', adapter: 'anthropic' } });
    const models = [
      configured.model,
      ...(await Promise.all(
        [1, 2, 3, 4].map((i) =>
          createModel(app.strapi, provider, { modelId: `m${i}`, displayName: `Model ${i}` })
        )
      )),
    ];

    // 80 days of calls before now, every 5 hours, spread over users, models and outcomes.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const users = [editor.id, author.id, null];
    const events: Parameters<typeof writeEvents>[2] = [];
    for (let h = 1; h < 24 * 80; h += 5) {
      const outcome = random();
      const model = models[Math.floor(random() * models.length)];
      events.push({
        occurredAt: new Date(NOW.getTime() - h * HOUR),
        providerId: provider.id,
        modelId: model.id,
        modelKey: model.modelId,
        userId: users[Math.floor(random() * users.length)],
        inputTokens: 100,
        outputTokens: 50,
        costNano: outcome < 0.05 ? null : BigInt(Math.floor(random() * 3_000_000)),
        costRemainderFemto: outcome < 0.05 ? 0 : Math.floor(random() * 1_000_000) - 500_000,
        priceSource: outcome < 0.05 ? ('none' as const) : ('model' as const),
        success: outcome < 0.9,
        errorCode: outcome >= 0.95 ? 'budget_exceeded' : outcome >= 0.9 ? 'provider_timeout' : null,
      });
    }
    // Edges: the last second of February and the first of March, in Berlin.
    events.push({
      occurredAt: new Date('2026-02-28T22:59:59Z'),
      providerId: provider.id,
      costNano: 7n,
    });
    events.push({
      occurredAt: new Date('2026-02-28T23:00:00Z'),
      providerId: provider.id,
      costNano: 11n,
    });
    // February 16th: after the days compared (1st–15th), inside the whole month.
    events.push({
      occurredAt: new Date('2026-02-16T10:00:00Z'),
      providerId: provider.id,
      costNano: 13n,
    });
    // The newest failure of the provider, then a refusal by a budget (no failure of the provider).
    events.push({
      occurredAt: new Date(NOW.getTime() - 20 * 60_000),
      providerId: provider.id,
      success: false,
      errorCode: 'provider_error',
      costNano: null,
    });
    events.push({
      occurredAt: new Date(NOW.getTime() - 10 * 60_000),
      providerId: provider.id,
      success: false,
      errorCode: 'budget_exceeded',
      costNano: null,
    });
    await writeEvents(app.strapi, ZONE, events);
    await app.strapi.plugin('llm').service('budget').recountAll();

    // A site budget far from full, and one user's monthly budget that one real call half fills.
    const budgets = app.strapi.plugin('llm').service('budget');
    await budgets.create({
      name: 'Site month',
      scope: 'site',
      monthlyCost: '1000',
      onExceed: 'block',
      active: true,
    });
    const alice = await createAdminUser(app.strapi, ['strapi-editor'], {
      firstname: 'Alice',
      lastname: 'Budget',
    });
    await budgets.create({
      name: 'Alice month',
      scope: 'user',
      userId: alice.id,
      monthlyRequests: 2,
      alertThresholds: [50, 100],
      onExceed: 'block',
      active: true,
    });
    await llm(app.strapi).chat({
      configuration: configured.configuration.id,
      prompt: 'hi',
      user: alice.id,
    });
    await flushUsage(app.strapi);
    rows = (await usageRows(app.strapi)) as Row[];
  });

  afterAll(() => app.strapi.plugin('llm').service('analytics').setClock(null));

  const get = (token: string) =>
    app.request.get('/llm/overview').set('Authorization', `Bearer ${token}`);

  it('spend this month, today and last month (to the same day and whole) equal the raw rows', async () => {
    const response = await get(superToken);
    expect(response.status).toBe(200);
    const { spend, today, month, timeZone } = response.body.data;
    expect({ today, month, timeZone }).toEqual({
      today: '2026-03-15',
      month: '2026-03',
      timeZone: ZONE,
    });
    const within = (from: string, to: string) => rows.filter((r) => r.day >= from && r.day <= to);
    expect(spend).toEqual({
      thisMonth: usdOf(within('2026-03-01', '2026-03-15')),
      thisMonthRequests: within('2026-03-01', '2026-03-15').filter((r) => !blocked(r)).length,
      today: usdOf(within('2026-03-15', '2026-03-15')),
      lastMonthToDate: usdOf(within('2026-02-01', '2026-02-15')),
      lastMonth: usdOf(within('2026-02-01', '2026-02-28')),
      comparedDays: 15,
      lastMonthKey: '2026-02',
    });
    // Something to compare: every figure is made of real calls.
    expect(Number(spend.thisMonth)).toBeGreaterThan(0);
    expect(spend.lastMonth).not.toBe(spend.lastMonthToDate);
  });

  it('names the top three models and users of this month, most expensive first', async () => {
    const { topModels, topUsers } = (await get(superToken)).body.data;
    const month = rows.filter((r) => r.day >= '2026-03-01' && r.day <= '2026-03-15');
    expect(topModels.map(({ id, cost, requests }: any) => ({ id, cost, requests }))).toEqual(
      topThree(month, 'modelId')
    );
    expect(topUsers.map(({ id, cost, requests }: any) => ({ id, cost, requests }))).toEqual(
      topThree(month, 'userId')
    );
    expect(topModels).toHaveLength(3);
    expect(topUsers.map((u: any) => u.id)).toContain(editor.id);
    expect(topUsers.find((u: any) => u.id === editor.id).name).toMatch(/^Test User\d+$/);
  });

  it("reads the site budget from its counter, and this month's alerts", async () => {
    const { siteBudget, alerts } = (await get(superToken)).body.data;
    const used = usdOf(rows.filter((r) => r.day >= '2026-03-01' && r.day <= '2026-03-15'));
    expect(siteBudget).toMatchObject({ name: 'Site month', limit: '1000.00' });
    // The counter holds whole nano-USD (each call's cost rounded): the same figure within a
    // nano-dollar per call.
    const calls = rows.filter((r) => r.day >= '2026-03-01' && !blocked(r)).length;
    expect(Math.abs(Number(siteBudget.used) - Number(used))).toBeLessThanOrEqual(calls * 1e-9);
    expect(siteBudget.percent).toBeLessThan(80);
    expect(alerts).toEqual([
      expect.objectContaining({
        budgetName: 'Alice month',
        window: 'month',
        windowKey: '2026-03',
        threshold: 50,
        userName: 'Alice Budget',
      }),
    ]);
  });

  it("gives each provider's last success and last failure (a budget's refusal is none)", async () => {
    const { providers } = (await get(superToken)).body.data;
    const mine = rows.filter((r) => r.providerId === provider.id);
    const at = (r: Row) => new Date(r.occurredAt).getTime();
    const latest = (list: Row[]) => list.reduce((a, b) => (at(b) > at(a) ? b : a));
    const success = latest(mine.filter((r) => Boolean(r.success)));
    const failure = latest(mine.filter((r) => !r.success && !blocked(r)));
    expect(providers).toEqual([
      {
        id: quiet.id,
        name: 'Never called',
        lastSuccessAt: null,
        lastFailureAt: null,
        lastErrorCode: null,
        lastHour: { calls: 0, failures: 0, p95LatencyMs: null },
        circuit: 'closed',
      },
      {
        id: provider.id,
        name: 'Stub OpenAI',
        lastSuccessAt: new Date(at(success)).toISOString(),
        lastFailureAt: new Date(at(failure)).toISOString(),
        lastErrorCode: 'provider_error',
        lastHour: expect.any(Object),
        circuit: 'closed',
      },
    ]);
  });

  it("gives each provider's last hour: calls that reached it, failures, exact p95 latency", async () => {
    const { providers } = (await get(superToken)).body.data;
    const at = (r: Row) => new Date(r.occurredAt).getTime();
    // The hour before now, (now − 1 h, now]; a budget's refusal reached no provider.
    const hour = rows.filter(
      (r) =>
        r.providerId === provider.id &&
        at(r) > NOW.getTime() - HOUR &&
        at(r) <= NOW.getTime() &&
        !blocked(r)
    );
    // Nearest rank: the ⌈0.95·n⌉-th smallest latency of the successful calls.
    const latencies = hour
      .filter((r) => Boolean(r.success))
      .map((r) => Number(r.latencyMs))
      .sort((a, b) => a - b);
    const expected = {
      calls: hour.length,
      failures: hour.filter((r) => !r.success && r.errorCode !== 'aborted').length,
      p95LatencyMs: latencies[Math.ceil(0.95 * latencies.length) - 1],
    };
    // The real call, the provider's failure: both in the hour (the refusal after them is not).
    expect(expected.calls).toBe(2);
    expect(expected.failures).toBe(1);
    expect(providers.find((p: any) => p.id === provider.id).lastHour).toEqual(expected);
  });

  it('refuses users without analytics.read (an Editor, an Author) and anonymous callers', async () => {
    for (const user of [editor, author]) {
      const response = await get(await login(app.request, user));
      expect(response.status).toBe(403);
      expect(JSON.stringify(response.body)).not.toContain('thisMonth');
    }
    expect((await app.request.get('/llm/overview')).status).toBe(401);
  });

  it('refuses query parameters it does not take, naming them', async () => {
    const response = await app.request
      .get('/llm/overview?range=7d')
      .set('Authorization', `Bearer ${superToken}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('range');
  });
});
