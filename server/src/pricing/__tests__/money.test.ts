import { cacheSavings, computeCost, EMPTY_PRICES, ZERO_QUANTITIES } from '../cost';
import {
  divRound,
  formatFemtoUsd,
  formatNanoUsd,
  parseUsd,
  toFemto,
  usdNumberToNano,
} from '../money';
import { priceCall } from '../price-sheet';
import { formatUsd } from '../../../../shared/format';
import { dayKey, monthKey } from '../../time/day-key';
import { renderTemplate } from '../../gateway/template';

describe('exact money', () => {
  it('parses decimal price text to nano-USD without floats', () => {
    expect(parseUsd('0.075')).toBe(75_000_000n);
    expect(parseUsd('15')).toBe(15_000_000_000n);
    expect(parseUsd('0.000000001')).toBe(1n);
    expect(parseUsd('')).toBeNull();
    expect(parseUsd(null)).toBeNull();
    for (const bad of ['-1', '1e-3', '0.0000000001', 'abc', '1.', '.5', ' 1'])
      expect(() => parseUsd(bad)).toThrow(/Invalid price/);
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
  const prices = {
    ...EMPTY_PRICES,
    input: parseUsd('3'),
    output: parseUsd('15'),
    cacheRead: parseUsd('0.3'),
    cacheWrite: parseUsd('3.75'),
  };

  it('prices uncached input, cache reads, cache writes and output each once', () => {
    const result = computeCost(
      {
        ...ZERO_QUANTITIES,
        inputTokens: 10_000,
        cacheReadTokens: 7_000,
        cacheWriteTokens: 1_000,
        outputTokens: 800,
      },
      prices
    );
    expect(result).toEqual({
      priced: true,
      costNano: 6_000_000n + 2_100_000n + 3_750_000n + 12_000_000n,
      remainderFemto: 0n,
    });
  });

  it('reports unpriced (with the missing prices) instead of zero', () => {
    expect(computeCost({ ...ZERO_QUANTITIES, inputTokens: 10 }, EMPTY_PRICES)).toEqual({
      priced: false,
      missing: ['input'],
    });
    expect(computeCost({ ...ZERO_QUANTITIES, images: 2 }, prices)).toEqual({
      priced: false,
      missing: ['image'],
    });
  });

  it('rounds to whole nano-USD once per call and keeps the exact rest in femto-USD', () => {
    // One token at $0.0001/M is 0.1 nano-USD: 0 whole nano-dollars and 100,000 femto-dollars, never free.
    const tiny = { ...EMPTY_PRICES, input: parseUsd('0.0001') };
    expect(computeCost({ ...ZERO_QUANTITIES, inputTokens: 1 }, tiny)).toEqual({
      priced: true,
      costNano: 0n,
      remainderFemto: 100_000n,
    });
    // 5 tokens: 0.5 nano-USD rounds up to 1, the remainder is negative.
    expect(computeCost({ ...ZERO_QUANTITIES, inputTokens: 5 }, tiny)).toEqual({
      priced: true,
      costNano: 1n,
      remainderFemto: -500_000n,
    });
    // The smallest price there is, on one token: one femto-dollar.
    const least = computeCost(
      { ...ZERO_QUANTITIES, inputTokens: 1 },
      { ...EMPTY_PRICES, input: 1n }
    );
    expect(least).toEqual({ priced: true, costNano: 0n, remainderFemto: 1n });
    // 276 calls at $0.000000123 per 1 M tokens, 1,000 tokens each: exactly 276 × 123,000 femto-USD.
    const many = Array.from({ length: 276 }, () =>
      computeCost(
        { ...ZERO_QUANTITIES, inputTokens: 1000 },
        { ...EMPTY_PRICES, input: parseUsd('0.000000123') }
      )
    );
    const sum = many.reduce(
      (s, c) => s + (c.priced ? toFemto(c.costNano, c.remainderFemto) : 0n),
      0n
    );
    expect(sum).toBe(276n * 123_000n);
    expect(many.every((c) => c.priced && toFemto(c.costNano, c.remainderFemto) > 0n)).toBe(true);
  });

  it('prices audio per minute by the second', () => {
    const audio = { ...EMPTY_PRICES, audioMinute: parseUsd('0.006') };
    expect(computeCost({ ...ZERO_QUANTITIES, seconds: 30 }, audio)).toEqual({
      priced: true,
      costNano: 3_000_000n,
      remainderFemto: 0n,
    });
  });

  it('works out what cache reads saved against the input price', () => {
    expect(
      cacheSavings({ ...ZERO_QUANTITIES, inputTokens: 10_000, cacheReadTokens: 7_000 }, prices)
    ).toBe((7_000n * (3_000_000_000n - 300_000_000n)) / 1_000_000n);
    expect(cacheSavings({ ...ZERO_QUANTITIES, inputTokens: 10_000 }, prices)).toBe(0n);
  });

  it('writes exact femto-USD as decimal text, and shows a sub-nano cost as less than a nano-dollar', () => {
    expect(formatFemtoUsd(123n)).toBe('0.000000000000123');
    expect(formatFemtoUsd(41_570_000_000_000_000n)).toBe('41.57');
    expect(formatUsd('0.000000000000123')).toBe('< $0.000000001');
    expect(formatUsd('0.000000001')).toBe('$0.000000001');
  });
});

describe('price rules (explicit → free → catalogue → derived → unpriced)', () => {
  const at = new Date('2026-06-01T00:00:00Z');
  const model = (prices: Record<string, string | null>, modelId = 'house-model') =>
    ({ id: 1, modelId, displayName: modelId, active: true, ...prices }) as any;
  const call = {
    ...ZERO_QUANTITIES,
    inputTokens: 10_000,
    cacheReadTokens: 6_000,
    outputTokens: 500,
  };

  it('a model whose every explicit price is 0 is free, cache reads included', () => {
    expect(
      priceCall(model({ priceInput: '0', priceOutput: '0' }), 'ollama', call, at)
    ).toMatchObject({ costNano: 0n, priceSource: 'model' });
    expect(
      priceCall(model({ priceInput: '0', priceOutput: '0' }), 'ollama', { ...call, images: 2 }, at)
    ).toMatchObject({ costNano: 0n });
  });

  it('a cache read without a cache-read price is charged at the input price', () => {
    // 4,000 uncached + 6,000 cache-read tokens at $1/M, 500 output at $2/M.
    expect(
      priceCall(model({ priceInput: '1', priceOutput: '2' }), 'openai', call, at)
    ).toMatchObject({
      costNano: 10_000_000n + 1_000_000n,
      priceSource: 'model',
      cacheSavingsNano: 0n,
    });
    // Likewise a cache write.
    expect(
      priceCall(
        model({ priceInput: '1', priceOutput: '2' }),
        'openai',
        { ...call, cacheReadTokens: 0, cacheWriteTokens: 3_000 },
        at
      )
    ).toMatchObject({ costNano: 11_000_000n });
  });

  it('an explicit price wins over the catalogue, and the catalogue over the derived rule', () => {
    const own = priceCall(
      model({ priceInput: '1', priceOutput: '2', priceCacheRead: '0.5' }, 'gpt-4o-mini'),
      'openai',
      call,
      at
    );
    expect(own).toMatchObject({
      costNano: 4_000_000n + 3_000_000n + 1_000_000n,
      priceSource: 'model',
      cacheSavingsNano: 3_000_000n,
    });
    // gpt-4o-mini's catalogue cache-read price is $0.075/M, not its input price.
    const catalogue = priceCall(
      model({ priceInput: '0.15', priceOutput: '0.6' }, 'gpt-4o-mini'),
      'openai',
      call,
      at
    );
    expect(catalogue).toMatchObject({
      costNano: 600_000n + 450_000n + 300_000n,
      priceSource: 'catalogue',
    });
  });

  it('is unpriced only when a needed price is nowhere', () => {
    expect(
      priceCall(model({ priceInput: null, priceOutput: null }), 'openai', call, at)
    ).toMatchObject({ costNano: null, priceSource: 'none' });
    expect(
      priceCall(model({ priceInput: '1', priceOutput: null }), 'openai', call, at)
    ).toMatchObject({ costNano: null });
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
    expect(
      renderTemplate('Hi {{ name }}, {{tone}}', { name: 'Ada' }, [
        { name: 'tone', default: 'warm' },
      ])
    ).toBe('Hi Ada, warm');
    expect(() => renderTemplate('{{a}} {{b}}', {})).toThrow('Missing task variable(s): a, b');
  });
});

describe('decimal USD sums in the admin', () => {
  it('adds exactly, through nano-USD', async () => {
    const { addUsd } = await import('../../../../shared/format');
    expect(addUsd('0.1', '0.2')).toBe('0.30');
    expect(addUsd('0.000000001', '1234.999999999')).toBe('1235.00');
    expect(addUsd('-0.5', '0.25')).toBe('-0.25');
    expect(addUsd('0', '0')).toBe('0.00');
  });
});
