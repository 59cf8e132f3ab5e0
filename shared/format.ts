/**
 * Number formatting shared by every admin page (Analytics, list columns, budgets), so the same
 * figure reads the same everywhere. Costs arrive as exact decimal USD text; they are only rounded
 * here, for display.
 */

/**
 * "$1,234.56"; sub-cent amounts keep two significant digits ("$0.00042"); a cost below a nano-dollar
 * (costs are exact to the femto-dollar) reads "< $0.000000001", never "$0"; null → "unpriced".
 */
export function formatUsd(
  value: string | null | undefined,
  { approximate = false, locale = 'en-US', unpriced = 'unpriced' } = {}
): string {
  if (value === null || value === undefined) return unpriced;
  const n = Number(value);
  const abs = Math.abs(n);
  const usd = (amount: number, options: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', ...options }).format(
      amount
    );
  if (n !== 0 && abs < 1e-9) {
    return `${n < 0 ? '> ' : '< '}${usd(n < 0 ? -1e-9 : 1e-9, { maximumFractionDigits: 9 })}`;
  }
  const text =
    abs >= 0.01 || n === 0
      ? usd(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      : usd(n, { maximumSignificantDigits: 2, maximumFractionDigits: 9 });
  return `${approximate ? '~' : ''}${text}`;
}

/** "1.2M", "34.5k", "999". */
export function formatCount(value: string | number | null | undefined, locale = 'en-US'): string {
  const n = Number(value ?? 0);
  if (!Number.isFinite(n)) return '–';
  if (Math.abs(n) < 10_000) return n.toLocaleString(locale);
  return new Intl.NumberFormat(locale, {
    notation: 'compact',
    maximumFractionDigits: Math.abs(n) >= 100_000 && Math.abs(n) < 1_000_000 ? 0 : 1,
  }).format(n);
}

/** Axis ticks: short and distinct ("$0.015", "$1.2", "$30"). */
export function formatUsdTick(value: number, locale = 'en-US'): string {
  const usd = (options: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', ...options });
  if (value === 0) return usd({ maximumFractionDigits: 0 }).format(0);
  if (Math.abs(value) >= 100) return usd({ maximumFractionDigits: 0 }).format(Math.round(value));
  return usd({ maximumFractionDigits: 9, minimumFractionDigits: 0 }).format(
    Number(value.toPrecision(2))
  );
}

/** Exact sum of decimal USD texts ("0.1" + "0.2" = "0.3"), through integer femto-USD (costs' precision), never floats. */
export function addUsd(a: string, b: string): string {
  const femto = (text: string) => {
    const [whole, fraction = ''] = text.replace('-', '').split('.');
    const value =
      BigInt(whole || '0') * 1_000_000_000_000_000n +
      BigInt((fraction + '000000000000000').slice(0, 15));
    return text.startsWith('-') ? -value : value;
  };
  const sum = femto(a) + femto(b);
  const abs = sum < 0n ? -sum : sum;
  const fraction = (abs % 1_000_000_000_000_000n)
    .toString()
    .padStart(15, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `${sum < 0n ? '-' : ''}${abs / 1_000_000_000_000_000n}.${fraction}`;
}

/** Exact difference of decimal USD texts (a − b), as addUsd adds them: "0.3" − "0.1" = "0.20". */
export function subUsd(a: string, b: string): string {
  const negated = b.startsWith('-') ? b.slice(1) : `-${b}`;
  return addUsd(a, negated);
}
