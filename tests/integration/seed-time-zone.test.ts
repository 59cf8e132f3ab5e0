import { adminToken } from '../support/admin';
import { currentClient } from '../support/database';
import { usageRows } from '../support/fixtures';
import { setupStrapiFixture } from '../support/strapi';

const ZONE = 'Pacific/Auckland';
// 15:00 on Friday 20 November 2026 in Auckland (NZDT, UTC+13): 02:00 in UTC.
const NOW = new Date('2026-11-20T02:00:00Z');
const localHour = (date: Date) =>
  Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format(
      date
    )
  );
const localDay = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);

describe(`seed-usage follows the configured time zone, and its budgets agree with its usage (${currentClient()})`, () => {
  const app = setupStrapiFixture({
    env: { LLM_TIME_ZONE: ZONE },
    beforeStop: () => app.strapi.plugin('llm').service('clock').set(null),
  });
  let rows: any[];

  beforeAll(async () => {
    app.strapi
      .plugin('llm')
      .service('clock')
      .set(() => NOW);
    await app.strapi
      .plugin('llm')
      .service('seed')
      .run({ days: 30, perDay: 300, seed: 9, now: NOW });
    rows = await usageRows(app.strapi, { seeded: true });
  });

  it('puts the daily rhythm on local hours, and nothing in the future', async () => {
    expect(rows.length).toBeGreaterThan(3000);
    const at = rows.map((r) => new Date(r.occurredAt));
    expect(at.every((d) => d.getTime() <= NOW.getTime())).toBe(true);
    // Each row's day is its local calendar day.
    expect(rows.every((r) => r.day === localDay(new Date(r.occurredAt)))).toBe(true);
    // Office hours (08–18 local) carry most calls; the small hours (00–05 local) few.
    const office = at.filter((d) => localHour(d) >= 8 && localHour(d) < 18).length / at.length;
    const night = at.filter((d) => localHour(d) < 5).length / at.length;
    expect(office).toBeGreaterThan(0.6);
    expect(night).toBeLessThan(0.05);
  });

  it('fills today only up to now, without squeezing the rest of the day into the last hour', async () => {
    const today = rows.filter((r) => r.day === '2026-11-20');
    expect(today.length).toBeGreaterThan(0);
    expect(today.every((r) => localHour(new Date(r.occurredAt)) <= 14)).toBe(true);
    const lastHour = today.filter((r) => localHour(new Date(r.occurredAt)) === 14).length;
    // 14:00–15:00 weighs 15 of the 108 weight units up to now: about an eighth of today, never most of it.
    expect(lastHour / today.length).toBeLessThan(0.25);
    // Today is a whole weekday's share up to 15:00, not a whole day's calls.
    const yesterday = rows.filter((r) => r.day === '2026-11-19').length;
    expect(today.length).toBeLessThan(yesterday);
  });

  it("gives demo budgets the demo usage's figures, on the Budgets page and the Analytics bars", async () => {
    const { token } = await adminToken(app.strapi, app.request);
    const get = (url: string) => app.request.get(url).set('Authorization', `Bearer ${token}`);
    const budgets = (await get('/llm/budgets')).body.data.filter((b: any) =>
      b.name.endsWith('(demo)')
    );
    const analytics = (await get('/llm/analytics?range=30d')).body.data;
    expect(budgets.length).toBeGreaterThanOrEqual(3);
    for (const budget of budgets) {
      const nano = rows
        .filter(
          (r) =>
            r.userId === budget.userId &&
            r.day.startsWith('2026-11') &&
            r.errorCode !== 'budget_exceeded'
        )
        .reduce((s, r) => s + (r.costNano === null ? 0n : BigInt(r.costNano)), 0n);
      const expected = `${nano / 1_000_000_000n}.${(nano % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '').padEnd(2, '0')}`;
      expect(nano).toBeGreaterThan(0n);
      const month = budget.usage.find((w: any) => w.window === 'month');
      expect(month.windowKey).toBe('month:2026-11');
      expect(month.cost.used).toBe(expected);
      expect(analytics.users.find((u: any) => u.userId === budget.userId).budget).toMatchObject({
        monthCostUsd: expected,
        name: budget.name,
      });
    }
  });
});
