import { computeCost, EMPTY_PRICES, ZERO_QUANTITIES } from '../../server/src/pricing/cost';
import { divRound, formatNanoUsd, parseUsd, usdNumberToNano } from '../../server/src/pricing/money';
import { dayKey, monthKey } from '../../server/src/time/day-key';
import { renderTemplate } from '../../server/src/gateway/template';

describe('exact money', () => {
  it('parses decimal price text to nano-USD without floats', () => {
    expect(parseUsd('0.075')).toBe(75_000_000n);
    expect(parseUsd('15')).toBe(15_000_000_000n);
    expect(parseUsd('0.000000001')).toBe(1n);
    expect(parseUsd('')).toBeNull();
    expect(parseUsd(null)).toBeNull();
    for (const bad of ['-1', '1e-3', '0.0000000001', 'abc', '1.', '.5', ' 1']) expect(() => parseUsd(bad)).toThrow(/Invalid price/);
  });

  it('turns catalogue numbers into nano-USD through their decimal text', () => {
    expect(usdNumberToNano(0.075)).toBe(75_000_000n);
    expect(usdNumberToNano(0.1 + 0.2)).toBe(300_000_000n);
    expect(usdNumberToNano(3.75)).toBe(3_750_000_000n);
    expect(() => usdNumberToNano(Number.NaN)).toThrow();
  });

  it('formats nano-USD as decimal text', () => {
    expect(formatNanoUsd(92_892_525n)).toBe('0.092892525');
    expect(formatNanoUsd(0n)).toBe('0.00');
    expect(formatNanoUsd(1_500_000_000n)).toBe('1.50');
    expect(formatNanoUsd(-5n)).toBe('-0.000000005');
  });

  it('rounds half away from zero', () => {
    expect(divRound(5n, 10n)).toBe(1n);
    expect(divRound(4n, 10n)).toBe(0n);
    expect(divRound(-5n, 10n)).toBe(-1n);
  });
});

describe('computeCost', () => {
  const prices = { ...EMPTY_PRICES, input: parseUsd('3'), output: parseUsd('15'), cacheRead: parseUsd('0.3'), cacheWrite: parseUsd('3.75') };

  it('prices uncached input, cache reads, cache writes and output each once', () => {
    const result = computeCost({ ...ZERO_QUANTITIES, inputTokens: 10_000, cacheReadTokens: 7_000, cacheWriteTokens: 1_000, outputTokens: 800 }, prices);
    expect(result).toEqual({ priced: true, costNano: 6_000_000n + 2_100_000n + 3_750_000n + 12_000_000n });
  });

  it('reports unpriced (with the missing prices) instead of zero', () => {
    expect(computeCost({ ...ZERO_QUANTITIES, inputTokens: 10 }, EMPTY_PRICES)).toEqual({ priced: false, missing: ['input'] });
    expect(computeCost({ ...ZERO_QUANTITIES, images: 2 }, prices)).toEqual({ priced: false, missing: ['image'] });
  });

  it('rounds a sub-nano cost once per call', () => {
    // One token at $0.0001/M is 0.1 nano-USD: rounds to 0, and 5 tokens to 1 (0.5 rounds up).
    const tiny = { ...EMPTY_PRICES, input: parseUsd('0.0001') };
    expect(computeCost({ ...ZERO_QUANTITIES, inputTokens: 1 }, tiny)).toEqual({ priced: true, costNano: 0n });
    expect(computeCost({ ...ZERO_QUANTITIES, inputTokens: 5 }, tiny)).toEqual({ priced: true, costNano: 1n });
  });

  it('prices audio per minute by the second', () => {
    const audio = { ...EMPTY_PRICES, audioMinute: parseUsd('0.006') };
    expect(computeCost({ ...ZERO_QUANTITIES, seconds: 30 }, audio)).toEqual({ priced: true, costNano: 3_000_000n });
  });
});

describe('day keys in the configured time zone', () => {
  const instant = new Date('2026-03-29T23:30:00Z');
  it('cuts days where the zone does', () => {
    expect(dayKey(instant, 'UTC')).toBe('2026-03-29');
    expect(dayKey(instant, 'Europe/Berlin')).toBe('2026-03-30');
    expect(dayKey(instant, 'America/Los_Angeles')).toBe('2026-03-29');
    expect(monthKey(new Date('2026-01-31T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-02');
  });
});

describe('task templates', () => {
  it('fills placeholders, uses defaults, and names what is missing', () => {
    expect(renderTemplate('Hi {{ name }}, {{tone}}', { name: 'Ada' }, [{ name: 'tone', default: 'warm' }])).toBe('Hi Ada, warm');
    expect(() => renderTemplate('{{a}} {{b}}', {})).toThrow('Missing task variable(s): a, b');
  });
});

describe('decimal USD sums in the admin', () => {
  it('adds exactly, through nano-USD', async () => {
    const { addUsd } = await import('../../shared/format');
    expect(addUsd('0.1', '0.2')).toBe('0.30');
    expect(addUsd('0.000000001', '1234.999999999')).toBe('1235.00');
    expect(addUsd('-0.5', '0.25')).toBe('-0.25');
    expect(addUsd('0', '0')).toBe('0.00');
  });
});
