/**
 * Calendar keys in the plugin's configured time zone, computed once in JavaScript at write time so
 * that rollups group by plain equality on every database (no per-dialect date functions).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
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
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    hourFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(date).map((part) => [part.type, part.value])
  );
  const key = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}`;
  lastHour.set(timeZone, { slot, key });
  return key;
}

/** '2026-11' — the calendar month of `date` in `timeZone`. */
export function monthKey(date: Date, timeZone: string): string {
  return dayKey(date, timeZone).slice(0, 7);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `date`, in ms. */
function offsetAt(date: Date, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(date).map((part) => [part.type, Number(part.value)])
  );
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second
  );
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The instant a local wall-clock hour starts: `day` '2026-03-29', `hour` 9 in Europe/Berlin →
 * 07:00 UTC. An hour the clocks skip starts where the next one does.
 */
export function localHourStart(day: string, hour: number, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour);
  // Two passes: the offset at the first guess may be the other side of a DST change.
  let instant = wall - offsetAt(new Date(wall), timeZone);
  instant = wall - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}
