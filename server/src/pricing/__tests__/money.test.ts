import { addUsd, formatUsd } from '../../../../shared/format';
import {
  divRound,
  formatFemtoUsd,
  formatNanoUsd,
  isPriceText,
  parseUsd,
  toFemto,
  usdNumberToNano,
} from '../money';

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

  it('parses the largest price there is, 9 digits and 9 decimals, exactly', () => {
    expect(parseUsd('999999999.999999999')).toBe(999_999_999_999_999_999n);
    expect(parseUsd(undefined)).toBeNull();
    expect(() => parseUsd('1000000000')).toThrow(/Invalid price "1000000000"/);
  });

  it('tells price text from anything else', () => {
    expect(isPriceText('0.075')).toBe(true);
    expect(isPriceText('12')).toBe(true);
    expect(isPriceText('0.0000000001')).toBe(false);
    expect(isPriceText('1,5')).toBe(false);
    expect(isPriceText(0.075)).toBe(false);
    expect(isPriceText(null)).toBe(false);
  });

  it('turns catalogue numbers into nano-USD through their decimal text', () => {
    expect(usdNumberToNano(0.075)).toBe(75_000_000n);
    expect(usdNumberToNano(0.1 + 0.2)).toBe(300_000_000n);
    expect(usdNumberToNano(3.75)).toBe(3_750_000_000n);
    expect(() => usdNumberToNano(Number.NaN)).toThrow();
  });

  it('drops float noise beyond nine decimals and refuses negative catalogue numbers', () => {
    expect(usdNumberToNano(0)).toBe(0n);
    expect(usdNumberToNano(15)).toBe(15_000_000_000n);
    expect(usdNumberToNano(0.0000001)).toBe(100n);
    expect(usdNumberToNano(1e-12)).toBe(0n);
    expect(() => usdNumberToNano(-0.5)).toThrow(/Invalid price -0.5/);
    expect(() => usdNumberToNano(Number.POSITIVE_INFINITY)).toThrow(/Invalid price/);
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

  it('rounds below the half towards the quotient, on both sides of zero', () => {
    expect(divRound(14n, 10n)).toBe(1n);
    expect(divRound(15n, 10n)).toBe(2n);
    expect(divRound(-14n, 10n)).toBe(-1n);
    expect(divRound(-15n, 10n)).toBe(-2n);
    expect(divRound(2_500_000n, 1_000_000n)).toBe(3n);
    expect(divRound(0n, 7n)).toBe(0n);
  });

  it('joins whole nano-USD and a femto remainder into femto-USD', () => {
    expect(toFemto(3n)).toBe(3_000_000n);
    expect(toFemto(1n, -500_000n)).toBe(500_000n);
    expect(toFemto(0n, 100_000)).toBe(100_000n);
    expect(toFemto(-2n, 1n)).toBe(-1_999_999n);
  });

  it('writes exact femto-USD as decimal text, and shows a sub-nano cost as less than a nano-dollar', () => {
    expect(formatFemtoUsd(123n)).toBe('0.000000000000123');
    expect(formatFemtoUsd(41_570_000_000_000_000n)).toBe('41.57');
    expect(formatUsd('0.000000000000123')).toBe('< $0.000000001');
    expect(formatUsd('0.000000001')).toBe('$0.000000001');
  });

  it('writes every femto digit of a large or negative amount', () => {
    expect(formatFemtoUsd(1_000_000_000_000_000_001n)).toBe('1000.000000000000001');
    expect(formatFemtoUsd(-1n)).toBe('-0.000000000000001');
    expect(formatFemtoUsd(10n ** 14n)).toBe('0.10');
    expect(formatFemtoUsd(0n)).toBe('0.00');
  });
});

describe('decimal USD sums in the admin', () => {
  it('adds exactly, through nano-USD', () => {
    expect(addUsd('0.1', '0.2')).toBe('0.30');
    expect(addUsd('0.000000001', '1234.999999999')).toBe('1235.00');
    expect(addUsd('-0.5', '0.25')).toBe('-0.25');
    expect(addUsd('0', '0')).toBe('0.00');
  });
});
