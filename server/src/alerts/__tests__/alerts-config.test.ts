import { withDefaults } from '../../config/defaults';
import { validateConfig } from '../../config/validate';
import { isDue, renderDigest, weekBefore } from '../digest';

describe('alerts config', () => {
  it('completes the spike and digest rules from the defaults', () => {
    const config = withDefaults({ alerts: { spike: { factor: 2.5 }, digest: { enabled: true } } });
    expect(config.alerts.spike).toEqual({
      enabled: true,
      factor: 2.5,
      minUsd: '5',
      lookbackDays: 14,
      cron: '0 2 * * * *',
    });
    expect(config.alerts.digest).toEqual({ enabled: true, day: 'monday', hour: 8, to: [] });
  });

  it.each([
    [{ spike: { factor: 0 } }, 'config.alerts.spike.factor must be a number above 0'],
    [{ spike: { minUsd: 5 } }, 'config.alerts.spike.minUsd must be a decimal amount'],
    [{ spike: { minUsd: '-1' } }, 'config.alerts.spike.minUsd must be a decimal amount'],
    [{ spike: { lookbackDays: 2 } }, 'config.alerts.spike.lookbackDays must be an integer from 3'],
    [{ digest: { day: 'mon' } }, 'config.alerts.digest.day must be one of sunday, monday'],
    [{ digest: { hour: 24 } }, 'config.alerts.digest.hour must be an integer from 0 to 23'],
    [{ digest: { to: ['ops'] } }, 'config.alerts.digest.to must be a list of e-mail addresses'],
  ])('refuses %j, naming the key', (alerts, message) => {
    expect(() => validateConfig({ alerts } as never)).toThrow(message);
  });

  it('accepts a complete, valid section', () => {
    expect(() =>
      validateConfig({
        alerts: {
          spike: {
            enabled: true,
            factor: 3,
            minUsd: '2.50',
            lookbackDays: 14,
            cron: '0 2 * * * *',
          },
          digest: { enabled: true, day: 'friday', hour: 17, to: ['ops@example.com'] },
        },
      })
    ).not.toThrow();
  });
});

describe('digest timing and rendering', () => {
  const rule = { enabled: true, day: 'monday' as const, hour: 8, to: [] };
  it('is due on the local weekday from the local hour (Berlin, the Monday after the DST change)', () => {
    expect(isDue(new Date('2026-03-30T05:59:00Z'), 'Europe/Berlin', rule)).toBe(false); // 07:59
    expect(isDue(new Date('2026-03-30T06:00:00Z'), 'Europe/Berlin', rule)).toBe(true); // 08:00
    expect(isDue(new Date('2026-03-31T06:00:00Z'), 'Europe/Berlin', rule)).toBe(false); // Tuesday
    expect(weekBefore('2026-03-30')).toEqual({ from: '2026-03-23', to: '2026-03-29' });
  });

  it('writes every figure as given, in text and escaped HTML', () => {
    const { text, html } = renderDigest({
      timeZone: 'UTC',
      from: '2026-03-23',
      to: '2026-03-29',
      spend: '10.000000000000001',
      requests: 3,
      previousSpend: '12.50',
      change: '-2.499999999999999',
      changePercent: -20,
      topModels: [{ id: 1, name: 'A <model>', cost: '10.000000000000001', requests: 3 }],
      topUsers: [],
      alerts: [],
    });
    expect(text).toContain('Spend: $10.000000000000001 in 3 requests');
    expect(text).toContain('Change: -$2.499999999999999 (-20%)');
    expect(text).toContain('- A <model>: $10.000000000000001 (3 requests)');
    expect(html).toContain('<li>A &#60;model&#62;: $10.000000000000001 (3 requests)</li>');
    expect(html).toContain('<h2>Top users</h2><ul><li>none</li></ul>');
  });
});
