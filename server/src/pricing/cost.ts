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

/**
 * A call's cost: in whole nano-USD (rounded half away from zero, what budgets count and every
 * stored figure has always been) and the exact remainder in femto-USD (10⁻¹⁵), so that sums of
 * many calls, and a call too cheap to reach one nano-dollar, stay exact (docs: README, pricing).
 */
export interface ExactCost {
  costNano: bigint;
  /** Exact cost − costNano, in femto-USD: between −500,000 and 500,000. */
  remainderFemto: bigint;
}

export type CostResult = ({ priced: true } & ExactCost) | { priced: false; missing: PriceField[] };

export const FEMTO_PER_NANO = 1_000_000n;

/** Femto-USD → whole nano-USD plus the femto remainder. */
export function splitFemto(femto: bigint): ExactCost {
  const costNano = divRound(femto, FEMTO_PER_NANO);
  return { costNano, remainderFemto: femto - costNano * FEMTO_PER_NANO };
}

// Per-1M prices, per-image prices and per-minute prices meet over one common denominator so a
// call's cost is rounded once, not once per component. Prices have at most nine decimals, so a
// token's cost is a whole number of femto-USD: only audio (per minute, billed by the second) is
// ever rounded, to the femto-dollar.
const PER_MILLION = 60n;
const PER_UNIT = 60_000_000n;
const PER_SECOND_OF_MINUTE = 1_000_000n;
/** numerator / FEMTO_DENOMINATOR = femto-USD. */
const FEMTO_DENOMINATOR = 60n;

/** Exact cost of a call, or the list of prices that were needed and unknown. */
export function computeCost(quantities: MeteredQuantities, prices: PriceSheet): CostResult {
  const uncachedInput = Math.max(
    0,
    quantities.inputTokens - quantities.cacheReadTokens - quantities.cacheWriteTokens
  );
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
  return { priced: true, ...splitFemto(divRound(numerator, FEMTO_DENOMINATOR)) };
}

/**
 * What the call's cache reads saved: those tokens at the input price minus what they cost at the
 * cache-read price, in nano-USD (rounded once). 0 when there were none or either price is unknown.
 */
export function cacheSavings(quantities: MeteredQuantities, prices: PriceSheet): bigint {
  if (quantities.cacheReadTokens <= 0 || prices.input === null || prices.cacheRead === null)
    return 0n;
  return divRound(
    BigInt(quantities.cacheReadTokens) * (prices.input - prices.cacheRead),
    FEMTO_PER_NANO
  );
}
