import { createAdminUser } from '../support/admin';
import { currentClient } from '../support/database';
import { createModel, createProvider, usageRows } from '../support/fixtures';
import { setupStrapiFixture } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const ZONE = 'Europe/Berlin';
const WEEK = ['23', '24', '25', '26', '27', '28', '29'].map((d) => `2026-03-${d}`);
const BEFORE = ['16', '17', '18', '19', '20', '21', '22'].map((d) => `2026-03-${d}`);

const text = (femto: bigint) => {
  const unit = 10n ** 15n;
  const abs = femto < 0n ? -femto : femto;
  const fraction = (abs % unit).toString().padStart(15, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${femto < 0n ? '-' : ''}${abs / unit}.${fraction}`;
};
const femtoOf = (rows: any[]): bigint =>
  rows.reduce<bigint>(
    (s, r) => s + BigInt(r.costNano ?? 0) * 1_000_000n + BigInt(r.costRemainderFemto ?? 0),
    0n
  );

describe(`the weekly digest (${currentClient()})`, () => {
  const app = setupStrapiFixture({ env: { LLM_TIME_ZONE: ZONE } });
  const alerts = () => app.strapi.plugin('llm').service('alerts');
  const clock = (at: Date) =>
    app.strapi
      .plugin('llm')
      .service('clock')
      .set(() => at);
  const outbox: any[] = [];
  let savedAlerts: any;
  let transport: unknown;
  let rows: any[];
  let models: Array<{ id: number; displayName: string }>;
  let users: Array<{ id: number }>;

  beforeAll(async () => {
    savedAlerts = app.strapi.config.get('plugin::llm.alerts');
    app.strapi.config.set('plugin::llm.alerts', {
      ...savedAlerts,
      email: { to: ['ops@example.com'], from: 'llm@example.com' },
      digest: { enabled: true, day: 'monday', hour: 8, to: ['boss@example.com'] },
    });
    const email = app.strapi.plugin('email') as any;
    transport = email.provider;
    email.provider = { send: async (message: unknown) => void outbox.push(message) };
    const provider = await createProvider(app.strapi, { adapter: 'openai' });
    models = await Promise.all(
      ['Alpha', '<b>Beta</b> & co', 'Gamma'].map((name, i) =>
        createModel(app.strapi, provider, { modelId: `m${i}`, displayName: name })
      )
    );
    users = await Promise.all([1, 2].map(() => createAdminUser(app.strapi, ['strapi-editor'])));
    // Two weeks of calls, every 7 hours, cost varying with the hour; the system (no user) too.
    const events: Parameters<typeof writeEvents>[2] = [];
    let i = 0;
    for (
      let t = Date.parse('2026-03-15T23:00:00Z');
      t < Date.parse('2026-03-30T06:00:00Z');
      t += 7 * 3_600_000
    ) {
      i += 1;
      events.push({
        occurredAt: new Date(t),
        modelId: models[i % 3].id,
        userId: i % 5 === 0 ? null : users[i % 2].id,
        costNano: BigInt(1_000_000 * ((i * 37) % 101) + i),
        costRemainderFemto: ((i * 7919) % 1_000_000) - 500_000,
      });
    }
    await writeEvents(app.strapi, ZONE, events);
    rows = await usageRows(app.strapi);
    // The alert log: a spike and a budget alert in the week, a spike the week before.
    const log = app.strapi.db.query('plugin::llm.alert-log');
    await log.create({
      data: {
        kind: 'spend.spike',
        alertKey: '2026-03-25 14',
        firedAt: new Date('2026-03-25T14:02:00Z'),
        payload: { hour: '2026-03-25 14', spend: '9.50', median: '1.00' },
      },
    });
    await log.create({
      data: {
        kind: 'budget.threshold',
        alertKey: '1|0|month:2026-03|80',
        firedAt: new Date('2026-03-28T10:00:00Z'),
        payload: {
          budgetName: 'Site',
          threshold: 80,
          used: '80.00',
          limit: '100.00',
          windowKey: 'month:2026-03',
        },
      },
    });
    await log.create({
      data: {
        kind: 'spend.spike',
        alertKey: '2026-03-22 14',
        firedAt: new Date('2026-03-22T13:02:00Z'),
        payload: { hour: '2026-03-22 14', spend: '8.00', median: '1.00' },
      },
    });
  });

  afterAll(() => {
    app.strapi.config.set('plugin::llm.alerts', savedAlerts);
    (app.strapi.plugin('email') as any).provider = transport;
    app.strapi.plugin('llm').service('clock').set(null);
  });

  it('is not sent before its local hour on its day', async () => {
    clock(new Date('2026-03-30T05:30:00Z')); // Monday 07:30 CEST
    expect(await alerts().sendDigestIfDue()).toBeNull();
    clock(new Date('2026-03-29T06:30:00Z')); // Sunday 08:30
    expect(await alerts().sendDigestIfDue()).toBeNull();
    expect(outbox).toHaveLength(0);
  });

  it("reports the week's spend, the change, top models and users and the alerts, every figure from raw rows", async () => {
    clock(new Date('2026-03-30T06:10:00Z')); // Monday 08:10 CEST
    const digest = await alerts().sendDigestIfDue();
    const week = rows.filter((r) => WEEK.includes(r.day));
    const before = rows.filter((r) => BEFORE.includes(r.day));
    const spend = femtoOf(week);
    const previous = femtoOf(before);
    const ranked = (key: 'modelId' | 'userId') =>
      [...new Set(week.map((r) => r[key] ?? 0))]
        .map((id) => ({ id, list: week.filter((r) => (r[key] ?? 0) === id) }))
        .map(({ id, list }) => ({
          id,
          femto: femtoOf(list),
          cost: text(femtoOf(list)),
          requests: list.length,
        }))
        .sort((a, b) => (b.femto > a.femto ? 1 : b.femto < a.femto ? -1 : b.requests - a.requests))
        .map(({ id, cost, requests }) => ({ id, cost, requests }));
    expect(digest).toMatchObject({
      from: '2026-03-23',
      to: '2026-03-29',
      spend: text(spend),
      requests: week.length,
      previousSpend: text(previous),
      change: text(spend - previous),
      changePercent: Math.round(Number(((spend - previous) * 10000n) / previous) / 10) / 10,
    });
    expect(digest.topModels.map(({ id, cost, requests }: any) => ({ id, cost, requests }))).toEqual(
      ranked('modelId')
    );
    expect(digest.topUsers.map(({ id, cost, requests }: any) => ({ id, cost, requests }))).toEqual(
      ranked('userId')
    );
    expect(digest.alerts.map((a: any) => [a.kind, a.key])).toEqual([
      ['spend.spike', '2026-03-25 14'],
      ['budget.threshold', '1|0|month:2026-03|80'],
    ]);
    expect(outbox).toHaveLength(1);
    const mail = outbox[0];
    expect(mail).toMatchObject({
      to: 'boss@example.com',
      from: 'llm@example.com',
      subject: `LLM spend 2026-03-23 to 2026-03-29: $${text(spend)}`,
    });
    expect(mail.text).toContain(`Spend: $${text(spend)} in ${week.length} requests`);
    expect(mail.text).toContain(`Week before: $${text(previous)}`);
    expect(mail.text).toContain('Spend spike 2026-03-25 14:00: $9.50 (median $1.00)');
    expect(mail.text).toContain('Budget "Site" reached 80% (80.00 of 100.00) in month:2026-03');
    expect(mail.text).not.toContain('2026-03-22 14');
    // HTML: names escaped, figures identical.
    expect(mail.html).toContain('&#60;b&#62;Beta&#60;/b&#62; &#38; co');
    expect(mail.html).not.toContain('<b>Beta');
    expect(mail.html).toContain(`Spend: $${text(spend)}`);
  });

  it('is sent once a week, however often the job runs', async () => {
    clock(new Date('2026-03-30T09:10:00Z'));
    expect(await alerts().sendDigestIfDue()).toBeNull();
    expect(await alerts().sendDigest()).toBeNull();
    expect(outbox).toHaveLength(1);
  });
});
