/**
 * Exact money. Prices are decimal strings in USD ("0.075"); costs are integer nano-USD (bigint).
 * Nothing here touches a float, so sums and comparisons are exact on every database.
 */

export const NANO_PER_USD = 1_000_000_000n;
const PRICE_PATTERN = /^(\d{1,9})(?:\.(\d{1,9}))?$/;

export class InvalidPriceError extends Error {
  constructor(value: unknown) {
    super(
      `Invalid price ${JSON.stringify(value)}: use a non-negative decimal in USD with at most 9 decimals, e.g. "0.075"`
    );
    this.name = 'InvalidPriceError';
  }
}

export const isPriceText = (value: unknown): value is string =>
  typeof value === 'string' && PRICE_PATTERN.test(value);

/** "0.075" → 75_000_000n (nano-USD). Empty and null mean "no price" and give null. */
export function parseUsd(value: string | null | undefined): bigint | null {
  if (value === null || value === undefined || value === '') return null;
  const match = PRICE_PATTERN.exec(value);
  if (!match) throw new InvalidPriceError(value);
  const [, whole, fraction = ''] = match;
  return BigInt(whole) * NANO_PER_USD + BigInt(fraction.padEnd(9, '0'));
}

/** A JS number from a price catalogue → nano-USD, through its shortest decimal text (0.075 stays 0.075). */
export function usdNumberToNano(value: number): bigint {
  if (!Number.isFinite(value) || value < 0) throw new InvalidPriceError(value);
  const text = value.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  const [whole, fraction = ''] = text.split('.');
  // Catalogue prices have at most 9 meaningful decimals; beyond that is float noise.
  return BigInt(whole) * NANO_PER_USD + BigInt(fraction.slice(0, 9).padEnd(9, '0'));
}

export const FEMTO_PER_USD = 1_000_000_000_000_000n;

/**
 * Femto-USD (10⁻¹⁵, a call's exact cost) → exact decimal text, trailing zeros beyond two decimals
 * dropped: 123n → "0.000000000000123", 41_570_000_000_000_000n → "41.57".
 */
export function formatFemtoUsd(femto: bigint): string {
  const negative = femto < 0n;
  const abs = negative ? -femto : femto;
  const whole = abs / FEMTO_PER_USD;
  const fraction = (abs % FEMTO_PER_USD)
    .toString()
    .padStart(15, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** 92_592n → "0.000092592" (no trailing zeros beyond two decimals). */
export const formatNanoUsd = (nano: bigint): string => formatFemtoUsd(nano * 1_000_000n);

/** Whole nano-USD plus a femto remainder (as stored per call and summed in rollups) → femto-USD. */
export const toFemto = (nano: bigint, remainderFemto: bigint | number = 0n): bigint =>
  nano * 1_000_000n + BigInt(remainderFemto);

/** Integer division rounding half away from zero. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder * 2n >= denominator) return quotient + 1n;
  if (remainder * 2n <= -denominator) return quotient - 1n;
  return quotient;
}
