import { adminToken, createAdminUser, login } from '../support/admin';
import { currentClient } from '../support/database';
import {
  clearBudgets,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';

/**
 * One truth for budget usage: the gate, the Budgets page, GET /llm/me/budget (the banner), the
 * threshold alerts and the Analytics budget bars all show the same used amount for the same budget,
 * subject and window — recomputed here from the raw usage rows — including usage that existed
 * before the budget did, across a local midnight that is also a month end, in a zone far from UTC.
 */
const ZONE = 'America/Los_Angeles';
// 21:30 on Saturday 31 October 2026 in Los Angeles (PDT, UTC−7): already 1 November in UTC.
const EVENING = new Date('2026-11-01T04:30:00Z');
// 23:30 the same local day.
const LATE = new Date('2026-11-01T06:30:00Z');
// 00:30 on 1 November in Los Angeles: a new day and a new month.
const AFTER_MIDNIGHT = new Date('2026-11-01T07:30:00Z');

/** What the raw rows say a counter should hold: calls that reached a provider, in a local window. */
function fromRows(rows: any[], window: { day?: string; month?: string }, userId?: number) {
  const picked = rows.filter(
    (r) =>
      r.errorCode !== 'budget_exceeded' &&
      (userId === undefined || r.userId === userId) &&
      (window.day === undefined || r.day === window.day) &&
      (window.month === undefined || r.day.startsWith(window.month))
  );
  const nano = picked.reduce((s, r) => s + (r.costNano === null ? 0n : BigInt(r.costNano)), 0n);
  const whole = nano / 1_000_000_000n;
  const fraction = (nano % 1_000_000_000n)
    .toString()
    .padStart(9, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return {
    cost: `${whole}.${fraction}`,
    nano,
    requests: String(picked.length),
    tokens: String(picked.reduce((s, r) => s + r.inputTokens + r.outputTokens, 0)),
  };
}

describe(`budget usage is one figure on every surface (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    env: { LLM_TIME_ZONE: ZONE },
    stub: { resetBeforeEach: true, defaultBehavior: { usage: { input: 1, output: 500 } } },
    beforeStop: () => app.strapi.plugin('llm').service('clock').set(null),
  });
  let configuration: any;
  let superToken: string;
  let maya: { id: number; email: string; password: string };
  let ravi: { id: number; email: string; password: string };
  let authorRoleId: number;
  const alerts: any[] = [];
  const budgets = () => app.strapi.plugin('llm').service('budget');
  const setClock = (at: Date) =>
    app.strapi
      .plugin('llm')
      .service('clock')
      .set(() => at);
  const call = (user: number | null) =>
    llm(app.strapi).chat({
      configuration: configuration.id,
      prompt: 'Summarise this entry.',
      user,
    });
  const get = (url: string, token: string) =>
    app.request.get(url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    ({ configuration } = await withConfiguredModel(app.strapi, stub, {
      // $1 per million tokens in and out: a call of 1 + 500 tokens costs 501,000 nano-USD.
      model: { modelId: 'metered', priceInput: '1', priceOutput: '1' },
      configuration: { maxOutputTokens: 1000 },
    }));
    superToken = (await adminToken(app.strapi, app.request)).token;
    maya = await createAdminUser(app.strapi, ['strapi-editor'], { firstname: 'Maya' });
    ravi = await createAdminUser(app.strapi, ['strapi-author'], { firstname: 'Ravi' });
    authorRoleId = (
      await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-author' } })
    ).id;
    app.strapi.eventHub.on('llm.budget.threshold', async (alert: unknown) => {
      alerts.push(alert);
    });
  });

  beforeEach(async () => {
    alerts.length = 0;
    await clearBudgets(app.strapi);
  });

  /** Every surface's used cost for a user's budget, in the current windows. */
  async function surfaces(budgetId: number, user: { id: number; email: string; password: string }) {
    await flushUsage(app.strapi);
    const list = (await get('/llm/budgets', superToken)).body.data.find(
      (b: any) => b.id === budgetId
    );
    const mine = (await get('/llm/me/budget', await login(app.request, user))).body.data.find(
      (b: any) => b.budgetId === budgetId
    );
    const analytics = (await get('/llm/analytics?range=30d', superToken)).body.data.users.find(
      (u: any) => u.userId === user.id
    );
    const window = (windows: any[], name: string) => windows.find((w) => w.window === name);
    return { list, mine, bar: analytics?.budget ?? null, window };
  }

  it('a budget created after usage counts that usage on every surface, and the gate enforces it', async () => {
    setClock(EVENING);
    for (let i = 0; i < 4; i += 1) await call(maya.id);
    await call(ravi.id);
    await call(null);
    await flushUsage(app.strapi);
    let rows = await usageRows(app.strapi);
    const day = '2026-10-31';
    const month = '2026-10';
    // UTC would have put these calls on 1 November: the local zone is what counts.
    expect(rows.every((r) => r.day === day)).toBe(true);
    const mayaMonth = fromRows(rows, { month }, maya.id);
    expect(mayaMonth.nano).toBe(4n * 501_000n);

    // Created now, mid-window: $0.0035 a month leaves room for one more call at its bound (~1,340 tokens), not two.
    setClock(LATE);
    const userBudget = await budgets().create({
      name: 'Maya month',
      scope: 'user',
      userId: maya.id,
      monthlyCost: '0.0035',
      dailyRequests: 50,
      alertThresholds: [50, 90],
      onExceed: 'block',
      active: true,
    });
    const site = await budgets().create({
      name: 'Site',
      scope: 'site',
      monthlyCost: '100',
      onExceed: 'block',
      active: true,
    });
    const role = await budgets().create({
      name: 'Authors',
      scope: 'role',
      roleId: authorRoleId,
      monthlyCost: '1',
      onExceed: 'block',
      active: true,
    });

    let seen = await surfaces(userBudget.id, maya);
    expect(seen.window(seen.list.usage, 'month').cost.used).toBe(mayaMonth.cost);
    expect(seen.window(seen.list.usage, 'month').requests.used).toBe(mayaMonth.requests);
    expect(seen.window(seen.list.usage, 'month').tokens.used).toBe(mayaMonth.tokens);
    expect(seen.window(seen.list.usage, 'day').requests.used).toBe(
      fromRows(rows, { day }, maya.id).requests
    );
    expect(seen.window(seen.mine.windows, 'month').cost.used).toBe(mayaMonth.cost);
    expect(seen.bar).toMatchObject({
      monthCostUsd: mayaMonth.cost,
      limitUsd: '0.0035',
      name: 'Maya month',
      percent: 57,
    });
    // The site budget counts everyone's usage (system calls included); the role budget each member's own.
    const siteList = (await get('/llm/budgets', superToken)).body.data.find(
      (b: any) => b.id === site.id
    );
    expect(seen.window(siteList.usage, 'month').cost.used).toBe(fromRows(rows, { month }).cost);
    const raviSeen = await surfaces(role.id, ravi);
    expect(raviSeen.window(raviSeen.mine.windows, 'month').cost.used).toBe(
      fromRows(rows, { month }, ravi.id).cost
    );
    expect(raviSeen.bar).toMatchObject({
      monthCostUsd: fromRows(rows, { month }, ravi.id).cost,
      name: 'Authors',
    });

    // The gate agrees: one more call fits, and crossing 90 % alerts with the used amount the rows give.
    await call(maya.id);
    await flushUsage(app.strapi);
    rows = await usageRows(app.strapi);
    const after = fromRows(rows, { month }, maya.id);
    expect(after.nano).toBe(5n * 501_000n);
    const crossed = alerts.find((a) => a.budgetId === userBudget.id && a.threshold === 50);
    expect(crossed).toMatchObject({
      window: 'month',
      metric: 'cost',
      used: after.cost,
      limit: '0.0035',
    });
    // The next call's bound would pass the limit: refused, and the refusal reports the same used amount.
    const refused = await call(maya.id).catch((error: any) => error);
    expect(refused).toMatchObject({
      code: 'budget_exceeded',
      details: {
        budgetId: userBudget.id,
        window: 'month',
        metric: 'cost',
        used: after.cost,
        limit: '0.0035',
      },
    });
    // Hitting the wall alerts the last threshold, still with the used amount, not the limit.
    expect(alerts.find((a) => a.budgetId === userBudget.id && a.threshold === 90)).toMatchObject({
      used: after.cost,
      percent: 100,
    });
    seen = await surfaces(userBudget.id, maya);
    expect(seen.window(seen.list.usage, 'month').cost.used).toBe(after.cost);
    expect(seen.window(seen.mine.windows, 'month').cost.used).toBe(after.cost);
    expect(seen.bar.monthCostUsd).toBe(after.cost);
  });

  it('a new local day and month start from what the rollups hold for them, on every surface', async () => {
    setClock(LATE);
    await call(maya.id);
    const budget = await budgets().create({
      name: 'Maya',
      scope: 'user',
      userId: maya.id,
      dailyCost: '1',
      monthlyCost: '5',
      onExceed: 'block',
      active: true,
    });
    let seen = await surfaces(budget.id, maya);
    expect(seen.window(seen.list.usage, 'month').cost.used).toBe('0.000501');

    // Past local midnight: 1 November, a new day and a new month (in UTC it has been 1 November for hours).
    setClock(AFTER_MIDNIGHT);
    seen = await surfaces(budget.id, maya);
    for (const w of ['day', 'month']) {
      expect(seen.window(seen.list.usage, w).cost.used).toBe('0.00');
      expect(seen.window(seen.mine.windows, w).cost.used).toBe('0.00');
    }
    expect(seen.window(seen.list.usage, 'month').windowKey).toBe('month:2026-11');
    // Maya has usage in the 30-day range (yesterday's), so she has a row, and her bar is this month's.
    expect(seen.bar).toMatchObject({ monthCostUsd: '0.00' });
    await call(maya.id);
    await call(maya.id);
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi);
    const november = fromRows(rows, { month: '2026-11' }, maya.id);
    expect(november.nano).toBe(2n * 501_000n);
    seen = await surfaces(budget.id, maya);
    expect(seen.window(seen.list.usage, 'day').cost.used).toBe(
      fromRows(rows, { day: '2026-11-01' }, maya.id).cost
    );
    expect(seen.window(seen.list.usage, 'month').cost.used).toBe(november.cost);
    expect(seen.window(seen.mine.windows, 'month').cost.used).toBe(november.cost);
    expect(seen.bar).toMatchObject({ monthCostUsd: november.cost });
  });

  it('a budget whose scope or activity changes is recounted from the rollups', async () => {
    setClock(LATE);
    const budget = await budgets().create({
      name: 'Moving',
      scope: 'user',
      userId: maya.id,
      monthlyCost: '5',
      onExceed: 'block',
      active: true,
    });
    await call(maya.id);
    await call(ravi.id);
    await call(ravi.id);
    await flushUsage(app.strapi);
    let rows = await usageRows(app.strapi);
    const input = {
      name: 'Moving',
      scope: 'user',
      userId: ravi.id,
      monthlyCost: '5',
      onExceed: 'block',
      active: true,
    };
    const moved = await budgets().update(budget.id, input);
    expect(moved.usage.find((w: any) => w.window === 'month').cost.used).toBe(
      fromRows(rows, { month: '2026-10' }, ravi.id).cost
    );

    // Paused: calls go uncounted by the budget… and are counted again when it is switched back on.
    await budgets().update(budget.id, { ...input, active: false });
    await call(ravi.id);
    await flushUsage(app.strapi);
    rows = await usageRows(app.strapi);
    const resumed = await budgets().update(budget.id, { ...input, active: true });
    expect(resumed.usage.find((w: any) => w.window === 'month').cost.used).toBe(
      fromRows(rows, { month: '2026-10' }, ravi.id).cost
    );
    expect(fromRows(rows, { month: '2026-10' }, ravi.id).nano).toBe(3n * 501_000n);
  });
});
