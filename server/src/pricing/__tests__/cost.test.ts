import { cacheSavings, computeCost, EMPTY_PRICES, splitFemto, ZERO_QUANTITIES } from '../cost';
import { parseUsd, toFemto } from '../money';

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

  it('lists every missing price, in a fixed order, and needs none for a call that used nothing', () => {
    expect(
      computeCost(
        { ...ZERO_QUANTITIES, seconds: 3, characters: 10, outputTokens: 1, cacheReadTokens: 1 },
        EMPTY_PRICES
      )
    ).toEqual({ priced: false, missing: ['cacheRead', 'output', 'characters', 'audioMinute'] });
    expect(computeCost(ZERO_QUANTITIES, EMPTY_PRICES)).toEqual({
      priced: true,
      costNano: 0n,
      remainderFemto: 0n,
    });
  });

  it('never charges a negative uncached input when the provider reports more cached than input', () => {
    expect(
      computeCost({ ...ZERO_QUANTITIES, inputTokens: 100, cacheReadTokens: 150 }, prices)
    ).toEqual({ priced: true, costNano: 45_000n, remainderFemto: 0n });
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

  it('rounds a second of audio to the femto-dollar: $0.000000001 a minute is 1/60 nano-USD a second', () => {
    const cheapest = { ...EMPTY_PRICES, audioMinute: 1n };
    // 1,000,000 / 60 = 16,666.67 femto-USD, rounded half away from zero once.
    expect(computeCost({ ...ZERO_QUANTITIES, seconds: 1 }, cheapest)).toEqual({
      priced: true,
      costNano: 0n,
      remainderFemto: 16_667n,
    });
    expect(computeCost({ ...ZERO_QUANTITIES, seconds: 60 }, cheapest)).toEqual({
      priced: true,
      costNano: 1n,
      remainderFemto: 0n,
    });
  });

  it('prices images each and characters per million', () => {
    const media = { ...EMPTY_PRICES, image: parseUsd('0.04'), characters: parseUsd('20') };
    expect(computeCost({ ...ZERO_QUANTITIES, images: 3 }, media)).toEqual({
      priced: true,
      costNano: 120_000_000n,
      remainderFemto: 0n,
    });
    // 1,234 characters at $20 per million: $0.02468.
    expect(computeCost({ ...ZERO_QUANTITIES, characters: 1_234 }, media)).toEqual({
      priced: true,
      costNano: 24_680_000n,
      remainderFemto: 0n,
    });
  });

  it('works out what cache reads saved against the input price', () => {
    expect(
      cacheSavings({ ...ZERO_QUANTITIES, inputTokens: 10_000, cacheReadTokens: 7_000 }, prices)
    ).toBe((7_000n * (3_000_000_000n - 300_000_000n)) / 1_000_000n);
    expect(cacheSavings({ ...ZERO_QUANTITIES, inputTokens: 10_000 }, prices)).toBe(0n);
  });

  it('saves nothing it cannot price', () => {
    const q = { ...ZERO_QUANTITIES, inputTokens: 10_000, cacheReadTokens: 7_000 };
    expect(cacheSavings(q, { ...prices, cacheRead: null })).toBe(0n);
    expect(cacheSavings(q, { ...prices, input: null })).toBe(0n);
  });
});

describe('splitFemto', () => {
  it('splits femto-USD into whole nano-USD (half away from zero) and a remainder of at most half', () => {
    expect(splitFemto(1_499_999n)).toEqual({ costNano: 1n, remainderFemto: 499_999n });
    expect(splitFemto(1_500_000n)).toEqual({ costNano: 2n, remainderFemto: -500_000n });
    expect(splitFemto(-1_500_000n)).toEqual({ costNano: -2n, remainderFemto: 500_000n });
    expect(splitFemto(0n)).toEqual({ costNano: 0n, remainderFemto: 0n });
  });
});
