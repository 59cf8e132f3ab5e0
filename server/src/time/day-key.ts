/**
 * Calendar keys in the plugin's configured time zone, computed once in JavaScript at write time so
 * that rollups group by plain equality on every database (no per-dialect date functions).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// Every call asks for today's key: remember the last answer for the hour it was computed in. No
// zone shifts its offset except on a whole quarter hour, so within one UTC quarter hour the key holds.
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const lastKey = new Map<string, { slot: number; key: string }>();

/** '2026-11-21' — the calendar day of `date` in `timeZone`. */
export function dayKey(date: Date, timeZone: string): string {
  const slot = Math.floor(date.getTime() / QUARTER_HOUR_MS);
  const cached = lastKey.get(timeZone);
  if (cached && cached.slot === slot) return cached.key;
  const key = formatterFor(timeZone).format(date);
  lastKey.set(timeZone, { slot, key });
  return key;
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();
const lastHour = new Map<string, { slot: number; key: string }>();

/** '2026-11-21 21' — the calendar day and hour (00–23) of `date` in `timeZone`. */
export function hourKey(date: Date, timeZone: string): string {
  const slot = Math.floor(date.getTime() / QUARTER_HOUR_MS);
  const cached = lastHour.get(timeZone);
  if (cached && cached.slot === slot) return cached.key;
  let formatter = hourFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    hourFormatters.set(timeZone, formatter);
  }
  const p = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
  const key = `${p.year}-${p.month}-${p.day} ${p.hour}`;
  lastHour.set(timeZone, { slot, key });
  return key;
}

/** '2026-11' — the calendar month of `date` in `timeZone`. */
export function monthKey(date: Date, timeZone: string): string {
  return dayKey(date, timeZone).slice(0, 7);
}
