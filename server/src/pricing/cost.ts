import { divRound } from './money';

/** Prices in nano-USD: tokens and characters per 1 M, images per image, audio per minute. null = unknown. */
export interface PriceSheet {
  input: bigint | null;
  output: bigint | null;
  cacheRead: bigint | null;
  cacheWrite: bigint | null;
  image: bigint | null;
  characters: bigint | null;
  audioMinute: bigint | null;
}

export type PriceField = keyof PriceSheet;

export const EMPTY_PRICES: PriceSheet = {
  input: null,
  output: null,
  cacheRead: null,
  cacheWrite: null,
  image: null,
  characters: null,
  audioMinute: null,
};

/**
 * What a call consumed. `inputTokens` counts every prompt token, cached ones included (the OpenAI
 * convention, and what AI SDK 6 normalises every provider to); cache reads and writes are subsets.
 */
export interface MeteredQuantities {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  images: number;
  characters: number;
  seconds: number;
}

export const ZERO_QUANTITIES: MeteredQuantities = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  images: 0,
  characters: 0,
  seconds: 0,
};

export type CostResult = { priced: true; costNano: bigint } | { priced: false; missing: PriceField[] };

// Per-1M prices, per-image prices and per-minute prices meet over one common denominator so a
// call's cost is rounded once, not once per component.
const PER_MILLION = 60n;
const PER_UNIT = 60_000_000n;
const PER_SECOND_OF_MINUTE = 1_000_000n;
const DENOMINATOR = 60_000_000n;

/** Exact cost of a call in nano-USD, or the list of prices that were needed and unknown. */
export function computeCost(quantities: MeteredQuantities, prices: PriceSheet): CostResult {
  const uncachedInput = Math.max(0, quantities.inputTokens - quantities.cacheReadTokens - quantities.cacheWriteTokens);
  const terms: Array<[PriceField, number, bigint]> = [
    ['input', uncachedInput, PER_MILLION],
    ['cacheRead', quantities.cacheReadTokens, PER_MILLION],
    ['cacheWrite', quantities.cacheWriteTokens, PER_MILLION],
    ['output', quantities.outputTokens, PER_MILLION],
    ['image', quantities.images, PER_UNIT],
    ['characters', quantities.characters, PER_MILLION],
    ['audioMinute', quantities.seconds, PER_SECOND_OF_MINUTE],
  ];

  let numerator = 0n;
  const missing: PriceField[] = [];
  for (const [field, quantity, scale] of terms) {
    if (quantity <= 0) continue;
    const price = prices[field];
    if (price === null) {
      missing.push(field);
      continue;
    }
    numerator += BigInt(quantity) * price * scale;
  }
  if (missing.length > 0) return { priced: false, missing };
  return { priced: true, costNano: divRound(numerator, DENOMINATOR) };
}
