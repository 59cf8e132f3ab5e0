/** Plain calendar arithmetic on local day keys ('2026-03-29'): no time zone, no DST. */

const utcOf = (day: string) => {
  const [year, month, date] = day.split('-').map(Number);
  return Date.UTC(year, month - 1, date);
};

const keyOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The day `count` days after `day` (before, when negative). */
export const addDays = (day: string, count: number): string =>
  keyOf(utcOf(day) + count * 86_400_000);

/** Whole days from `from` to `to` (0 when equal). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((utcOf(to) - utcOf(from)) / 86_400_000);

/** The first and last day of `day`'s month. */
export function monthBounds(day: string): { first: string; last: string } {
  const [year, month] = day.split('-').map(Number);
  return { first: `${day.slice(0, 8)}01`, last: keyOf(Date.UTC(year, month, 0)) };
}
