/**
 * Calendar keys in the plugin's configured time zone, computed once in JavaScript at write time so
 * that rollups group by plain equality on every database (no per-dialect date functions).
 */

/** The wall-clock fields each use reads: a day key, an hour key, or a whole instant (offsets). */
const FIELDS = {
  day: { year: 'numeric', month: '2-digit', day: '2-digit' },
  hour: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' },
  second: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

// Building a formatter costs far more than using one: one per zone and field set, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string, fields: keyof typeof FIELDS): Intl.DateTimeFormat {
  const id = `${fields}|${timeZone}`;
  let formatter = formatters.get(id);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, ...FIELDS[fields] });
    formatters.set(id, formatter);
  }
  return formatter;
}

/** The wall-clock fields of `date` in `timeZone`, by name (year, month, day, hour, …). */
const partsOf = (date: Date, timeZone: string, fields: keyof typeof FIELDS) =>
  Object.fromEntries(
    formatterFor(timeZone, fields)
      .formatToParts(date)
      .map((part) => [part.type, part.value])
  );

// Every call asks for the current key: remember the last answer per zone for the quarter hour it
// was computed in. No zone shifts its offset except on a whole quarter hour, so within one UTC
// quarter hour the key holds.
const QUARTER_HOUR_MS = 15 * 60 * 1000;

function lastKeyCache(compute: (date: Date, timeZone: string) => string) {
  const last = new Map<string, { slot: number; key: string }>();
  return (date: Date, timeZone: string): string => {
    const slot = Math.floor(date.getTime() / QUARTER_HOUR_MS);
    const cached = last.get(timeZone);
    if (cached && cached.slot === slot) return cached.key;
    const key = compute(date, timeZone);
    last.set(timeZone, { slot, key });
    return key;
  };
}

/** '2026-11-21' — the calendar day of `date` in `timeZone`. */
export const dayKey = lastKeyCache((date, timeZone) => formatterFor(timeZone, 'day').format(date));

/** '2026-11-21 21' — the calendar day and hour (00–23) of `date` in `timeZone`. */
export const hourKey = lastKeyCache((date, timeZone) => {
  const parts = partsOf(date, timeZone, 'hour');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}`;
});

/** '2026-11' — the calendar month of `date` in `timeZone`. */
export function monthKey(date: Date, timeZone: string): string {
  return dayKey(date, timeZone).slice(0, 7);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `date`, in ms. */
function offsetAt(date: Date, timeZone: string): number {
  const parts = partsOf(date, timeZone, 'second');
  const field = (name: string) => Number(parts[name]);
  const wall = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second')
  );
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The instant a local wall-clock hour starts: `day` '2026-03-29', `hour` 9 in Europe/Berlin →
 * 07:00 UTC. An hour the clocks skip starts where the next one does.
 */
export function localHourStart(day: string, hour: number, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, date, hour);
  // Two passes: the offset at the first guess may be the other side of a DST change.
  let instant = wall - offsetAt(new Date(wall), timeZone);
  instant = wall - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}
