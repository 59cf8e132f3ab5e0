import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { currentClient } from '../support/database';
import { usageRows } from '../support/fixtures';
import { setupStrapiFixture } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const ZONE = 'Europe/Berlin';
const USD = 1_000_000_000n; // nano-USD per dollar

/** 13:30 local in Berlin on a March 2026 day (CET before the 29th, CEST from it: DST in the lookback). */
const halfPastOne = (day: number, hour = 13) =>
  new Date(
    `2026-03-${String(day).padStart(2, '0')}T${String(hour - (day >= 29 ? 2 : 1)).padStart(2, '0')}:30:00Z`
  );

/** A small webhook receiver on loopback (allowed by the playground's security.allowedHosts). */
function receiver() {
  const bodies: any[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(data));
      res.end('ok');
    });
  });
  return { server, bodies };
}

describe(`spend spike alerts (${currentClient()})`, () => {
  const app = setupStrapiFixture({ env: { LLM_TIME_ZONE: ZONE } });
  const alerts = () => app.strapi.plugin('llm').service('alerts');
  const clock = (at: Date) =>
    app.strapi
      .plugin('llm')
      .service('clock')
      .set(() => at);
  const events: any[] = [];
  const outbox: any[] = [];
  const hook = receiver();
  let savedAlerts: unknown;
  let transport: unknown;

  beforeAll(async () => {
    await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
    const { port } = hook.server.address() as AddressInfo;
    savedAlerts = app.strapi.config.get('plugin::llm.alerts');
    app.strapi.config.set('plugin::llm.alerts', {
      ...(savedAlerts as object),
      webhookUrl: `http://127.0.0.1:${port}/spike`,
      email: { to: ['ops@example.com'], from: 'llm@example.com' },
    });
    const email = app.strapi.plugin('email') as any;
    transport = email.provider;
    // Only the transport is replaced (no SMTP server here); Strapi's email service does the rest.
    email.provider = { send: async (message: unknown) => void outbox.push(message) };
    app.strapi.eventHub.on('llm.spend.spike', async (alert: unknown) => {
      events.push(alert);
    });
    // A steady $2 at 13:30 every day from the 14th to the 29th, two calls making it up; then $7 on the 30th.
    const series = [];
    for (let day = 14; day <= 29; day++)
      series.push(
        { occurredAt: halfPastOne(day), costNano: USD, costRemainderFemto: 250 },
        { occurredAt: halfPastOne(day), costNano: USD, costRemainderFemto: -250 }
      );
    series.push({ occurredAt: halfPastOne(30), costNano: 7n * USD });
    // At 15:30 on the 30th: $4, where nothing was ever spent (median 0), but under minUsd ($5).
    series.push({ occurredAt: halfPastOne(30, 15), costNano: 4n * USD });
    await writeEvents(app.strapi, ZONE, series);
  });

  afterAll(async () => {
    app.strapi.config.set('plugin::llm.alerts', savedAlerts);
    (app.strapi.plugin('email') as any).provider = transport;
    app.strapi.plugin('llm').service('clock').set(null);
    await new Promise((resolve) => hook.server.close(resolve));
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('does not fire on a steady series (the median of the same hour, across the DST change)', async () => {
    clock(new Date('2026-03-29T12:05:00Z')); // 14:05 CEST on the 29th: checks 13:00–14:00
    const result = await alerts().evaluateSpike();
    // From raw rows: that hour's spend, and each of the 14 days before at $2.
    const rows = (await usageRows(app.strapi)).filter((r: any) => r.hour === '2026-03-29 13');
    const femto = rows.reduce(
      (sum: bigint, r: any) => sum + BigInt(r.costNano) * 1_000_000n + BigInt(r.costRemainderFemto),
      0n
    );
    expect(femto).toBe(2n * 10n ** 15n);
    expect(result).toEqual({
      hour: '2026-03-29 13',
      spend: '2.00',
      median: '2.00',
      spike: false,
      fired: false,
    });
    await settle();
    expect(events).toHaveLength(0);
  });

  it('fires once on a spike: the event, the webhook and the e-mail', async () => {
    clock(new Date('2026-03-30T12:05:00Z'));
    const result = await alerts().evaluateSpike();
    expect(result).toEqual({
      hour: '2026-03-30 13',
      spend: '7.00',
      median: '2.00',
      spike: true,
      fired: true,
    });
    await settle();
    expect(events).toEqual([
      expect.objectContaining({
        hour: '2026-03-30 13',
        spend: '7.00',
        median: '2.00',
        threshold: '6.00',
        factor: 3,
        minUsd: '5.00',
        lookbackDays: 14,
      }),
    ]);
    expect(hook.bodies).toEqual([{ event: 'llm.spend.spike', alert: events[0] }]);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      to: 'ops@example.com',
      subject: 'LLM spend spike: $7.00 in the hour 2026-03-30 13:00',
    });
    expect(outbox[0].text).toContain('was $7.00');
  });

  it("never fires the same hour twice: a later check, or two checks at once (the log's unique key)", async () => {
    clock(new Date('2026-03-30T12:35:00Z'));
    const results = await Promise.all([alerts().evaluateSpike(), alerts().evaluateSpike()]);
    expect(results.map((r) => [r.spike, r.fired])).toEqual([
      [true, false],
      [true, false],
    ]);
    await settle();
    expect(events).toHaveLength(1);
    const logged = await app.strapi.db
      .query('plugin::llm.alert-log')
      .findMany({ where: { kind: 'spend.spike' } });
    expect(logged.map((l: any) => l.alertKey)).toEqual(['2026-03-30 13']);
  });

  it('does not fire under minUsd, however far over the median', async () => {
    clock(new Date('2026-03-30T14:05:00Z')); // 16:05: checks 15:00–16:00, $4 against a median of 0
    expect(await alerts().evaluateSpike()).toMatchObject({
      spend: '4.00',
      median: '0.00',
      spike: false,
      fired: false,
    });
    const saved = app.strapi.config.get('plugin::llm.alerts') as any;
    app.strapi.config.set('plugin::llm.alerts', {
      ...saved,
      spike: { ...saved.spike, minUsd: '3.5' },
    });
    try {
      expect(await alerts().evaluateSpike()).toMatchObject({ spike: true, fired: true });
    } finally {
      app.strapi.config.set('plugin::llm.alerts', saved);
    }
    await settle();
    expect(events.map((e) => e.hour)).toEqual(['2026-03-30 13', '2026-03-30 15']);
  });
});
