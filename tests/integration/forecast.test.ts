import { adminToken, createAdminUser } from '../support/admin';
import { currentClient } from '../support/database';
import { usageRows } from '../support/fixtures';
import { setupStrapiFixture } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const ZONE = 'Europe/Berlin';
// Monday 30 March 2026, 12:00 in Berlin: the clocks went forward on Sunday the 29th, so the
// trailing week (23rd–29th) spans the change; one day is left in the month.
const NOW = new Date('2026-03-30T10:00:00Z');
const USD = 10n ** 15n; // femto-USD per dollar

/** Local noon of a March day in Berlin (CET before the 29th, CEST from it). */
const noon = (day: number) =>
  new Date(`2026-03-${String(day).padStart(2, '0')}T${day >= 29 ? '10' : '11'}:00:00Z`);

const text = (femto: bigint) => {
  const fraction = (femto % USD).toString().padStart(15, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${femto / USD}.${fraction}`;
};

/** The documented method, recomputed from raw usage rows with plain loops. */
function expected(rows: any[], today: string, days: string[], userId?: number) {
  const spend = new Map<string, bigint>();
  for (const r of rows) {
    if (userId !== undefined && r.userId !== userId) continue;
    const femto = BigInt(r.costNano ?? 0) * 1_000_000n + BigInt(r.costRemainderFemto ?? 0);
    spend.set(r.day, (spend.get(r.day) ?? 0n) + femto);
  }
  const trailing = days.reduce((sum, d) => sum + (spend.get(d) ?? 0n), 0n);
  const rate = (trailing * 2n + 7n) / 14n; // ÷ 7, half up (all positive here)
  const month = [...spend].filter(([d]) => d.startsWith(today.slice(0, 7)) && d <= today);
  const soFar = month.reduce((sum, [, f]) => sum + f, 0n);
  const todays = spend.get(today) ?? 0n;
  const left = BigInt(Number(`${today.slice(0, 8)}31` === today ? 0 : 31 - Number(today.slice(8))));
  const projected = soFar - todays + (todays > rate ? todays : rate) + rate * left;
  const nano = (f: bigint) => text(((f + 500_000n) / 1_000_000n) * 1_000_000n);
  return {
    monthSoFar: text(soFar),
    today: text(todays),
    dailyRate: nano(rate),
    projectedMonthEnd: nano(projected),
  };
}

describe(`GET /llm/analytics/forecast (${currentClient()})`, () => {
  const app = setupStrapiFixture({ env: { LLM_TIME_ZONE: ZONE } });
  let superToken: string;
  let editor: { id: number };
  let author: { id: number };
  let editorRole: number;
  const clock = (at: Date) =>
    app.strapi
      .plugin('llm')
      .service('clock')
      .set(() => at);

  beforeAll(async () => {
    clock(NOW);
    superToken = (await adminToken(app.strapi, app.request)).token;
    editor = await createAdminUser(app.strapi, ['strapi-editor']);
    author = await createAdminUser(app.strapi, ['strapi-author']);
    editorRole = (
      await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } })
    ).id;
    const events: Parameters<typeof writeEvents>[2] = [];
    for (let day = 1; day <= 29; day++) {
      // The editor: $1.000000001 a day; the author $2 on the trailing week; the system a femto sum.
      events.push({ occurredAt: noon(day), userId: editor.id, costNano: 1_000_000_001n });
      if (day >= 23)
        events.push({ occurredAt: noon(day), userId: author.id, costNano: 2n * 10n ** 9n });
      events.push({ occurredAt: noon(day), userId: null, costNano: 0n, costRemainderFemto: 123 });
    }
    // Today so far: the editor half a dollar (under the rate), the author $5 (over it).
    events.push({
      occurredAt: new Date('2026-03-30T06:00:00Z'),
      userId: editor.id,
      costNano: 500_000_000n,
    });
    events.push({
      occurredAt: new Date('2026-03-30T06:30:00Z'),
      userId: author.id,
      costNano: 5n * 10n ** 9n,
    });
    // Late on the 31st (Berlin): in March, not April.
    events.push({
      occurredAt: new Date('2026-03-31T21:30:00Z'),
      userId: author.id,
      costNano: 3n * 10n ** 9n,
    });
    await writeEvents(app.strapi, ZONE, events);
    const budgets = app.strapi.plugin('llm').service('budget');
    const create = (data: Record<string, unknown>) =>
      budgets.create({ onExceed: 'block', active: true, ...data });
    await create({ name: 'editor month', scope: 'user', userId: editor.id, monthlyCost: '31' });
    await create({ name: 'editor day', scope: 'user', userId: editor.id, dailyCost: '0.8' });
    await create({ name: 'site', scope: 'site', monthlyCost: '1000' });
    await create({ name: 'editors', scope: 'role', roleId: editorRole, monthlyCost: '100' });
    await create({ name: 'paused', scope: 'site', monthlyCost: '1', active: false });
  });

  afterAll(() => app.strapi.plugin('llm').service('clock').set(null));

  const get = (token = superToken, query = '') =>
    app.request.get(`/llm/analytics/forecast${query}`).set('Authorization', `Bearer ${token}`);
  const trailing = ['23', '24', '25', '26', '27', '28', '29'].map((d) => `2026-03-${d}`);

  it('projects the site, each budgeted user and role across the DST change, every figure from raw rows', async () => {
    clock(NOW);
    const response = await get();
    expect(response.status).toBe(200);
    const data = response.body.data;
    const rows = (await usageRows(app.strapi)).filter((r: any) => r.day <= '2026-03-30');
    expect(data).toMatchObject({
      method: 'trailing-7-day-average',
      trailingDays: 7,
      timeZone: ZONE,
      today: '2026-03-30',
      monthEnd: '2026-03-31',
      daysLeft: 1,
      siteMonthlyLimit: '1000.00',
    });
    expect(data.site).toEqual(expected(rows, '2026-03-30', trailing));
    // The known answer: $1.000000001 a day; 29 days + today at the rate + the 31st.
    expect(data.users).toEqual([
      {
        id: editor.id,
        name: expect.any(String),
        ...expected(rows, '2026-03-30', trailing, editor.id),
      },
    ]);
    expect(data.users[0].dailyRate).toBe('1.000000001');
    expect(data.users[0].projectedMonthEnd).toBe('31.000000031');
    const editorRow = expected(rows, '2026-03-30', trailing, editor.id);
    expect(data.roles).toEqual([{ id: editorRole, name: 'Editor', ...editorRow }]);
  });

  it('dates each active cost budget running out, or null, from its counter', async () => {
    clock(NOW);
    const { budgets } = (await get()).body.data;
    const of = (name: string) => budgets.filter((b: any) => b.budgetName === name);
    // 29.500000029 used + 0.500000001 today = 30.00000003; + 1.000000001 on the 31st ≥ 31.
    expect(of('editor month')).toEqual([
      expect.objectContaining({
        window: 'month',
        used: '29.500000029',
        limit: '31.00',
        projected: '31.000000031',
        runsOutOn: '2026-03-31',
        userId: editor.id,
      }),
    ]);
    // 0.5 today, projected to 1.000000001 by midnight: past 0.8 today.
    expect(of('editor day')).toEqual([
      expect.objectContaining({ window: 'day', used: '0.50', runsOutOn: '2026-03-30' }),
    ]);
    expect(of('site')).toEqual([expect.objectContaining({ runsOutOn: null, userId: null })]);
    expect(of('editors')).toEqual([
      expect.objectContaining({ userId: editor.id, used: '29.500000029', runsOutOn: null }),
    ]);
    expect(of('paused')).toEqual([]);
  });

  it("at the month's last evening and just after midnight, in Berlin", async () => {
    clock(new Date('2026-03-31T21:45:00Z')); // 23:45 on the 31st
    const lastEvening = (await get()).body.data;
    expect(lastEvening).toMatchObject({ today: '2026-03-31', monthEnd: '2026-03-31', daysLeft: 0 });
    const rows = await usageRows(app.strapi);
    const week = trailing.map((d) =>
      d.replace(/-(\d\d)$/, (_m, n) => `-${String(Number(n) + 1).padStart(2, '0')}`)
    );
    expect(lastEvening.site).toEqual(expected(rows, '2026-03-31', week));

    clock(new Date('2026-03-31T22:15:00Z')); // 00:15 on 1 April
    const april = (await get()).body.data;
    expect(april).toMatchObject({ today: '2026-04-01', monthEnd: '2026-04-30', daysLeft: 29 });
    expect(april.site.monthSoFar).toBe('0.00');
    expect(april.budgets.find((b: any) => b.budgetName === 'editor month').used).toBe('0.00');
  });

  it('is refused to roles without analytics.read and answers 400 to any parameter', async () => {
    clock(NOW);
    for (const role of ['strapi-editor', 'strapi-author'] as const) {
      const { token } = await adminToken(app.strapi, app.request, [role]);
      expect((await get(token)).status).toBe(403);
      const budgetsForecast = await app.request
        .get('/llm/budgets/forecast')
        .set('Authorization', `Bearer ${token}`);
      expect(budgetsForecast.status).toBe(403);
    }
    const bad = await get(superToken, '?month=2026-02');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('month');
  });

  it('gives the Budgets page the same run-outs (budgets.manage)', async () => {
    clock(NOW);
    const [all, page] = await Promise.all([
      get(),
      app.request.get('/llm/budgets/forecast').set('Authorization', `Bearer ${superToken}`),
    ]);
    expect(page.status).toBe(200);
    expect(page.body.data.budgets).toEqual(all.body.data.budgets);
    expect(Object.keys(page.body.data).sort()).toEqual([
      'budgets',
      'method',
      'monthEnd',
      'today',
      'trailingDays',
    ]);
  });
});
