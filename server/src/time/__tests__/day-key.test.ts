import { dayKey, hourKey, localHourStart, monthKey } from '../day-key';

const HOUR_MS = 3_600_000;

describe('day keys in the configured time zone', () => {
  const instant = new Date('2026-03-29T23:30:00Z');
  it('cuts days where the zone does', () => {
    expect(dayKey(instant, 'UTC')).toBe('2026-03-29');
    expect(dayKey(instant, 'Europe/Berlin')).toBe('2026-03-30');
    expect(dayKey(instant, 'America/Los_Angeles')).toBe('2026-03-29');
    expect(monthKey(new Date('2026-01-31T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-02');
  });

  it('starts a Berlin day at 23:00 UTC in winter and 22:00 UTC in summer', () => {
    expect(dayKey(new Date('2026-01-14T22:59:59.999Z'), 'Europe/Berlin')).toBe('2026-01-14');
    expect(dayKey(new Date('2026-01-14T23:00:00Z'), 'Europe/Berlin')).toBe('2026-01-15');
    expect(dayKey(new Date('2026-07-14T21:59:59.999Z'), 'Europe/Berlin')).toBe('2026-07-14');
    expect(dayKey(new Date('2026-07-14T22:00:00Z'), 'Europe/Berlin')).toBe('2026-07-15');
  });

  it('cuts the days around both DST changes in Europe/Berlin where the wall clock does', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC; the day starts at +01:00, ends at +02:00.
    expect(dayKey(new Date('2026-03-28T22:59:59Z'), 'Europe/Berlin')).toBe('2026-03-28');
    expect(dayKey(new Date('2026-03-28T23:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(dayKey(new Date('2026-03-29T21:59:59Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(dayKey(new Date('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toBe('2026-03-30');
    // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
    expect(dayKey(new Date('2026-10-24T21:59:59Z'), 'Europe/Berlin')).toBe('2026-10-24');
    expect(dayKey(new Date('2026-10-24T22:00:00Z'), 'Europe/Berlin')).toBe('2026-10-25');
    expect(dayKey(new Date('2026-10-25T22:59:59Z'), 'Europe/Berlin')).toBe('2026-10-25');
    expect(dayKey(new Date('2026-10-25T23:00:00Z'), 'Europe/Berlin')).toBe('2026-10-26');
  });

  it('answers a second instant of the same quarter hour, and of the next, for each zone apart', () => {
    // The last answer is remembered per zone and quarter hour: asking in another zone in between,
    // or just before a day boundary, must not return a stale key.
    expect(dayKey(new Date('2026-05-31T21:50:00Z'), 'Europe/Berlin')).toBe('2026-05-31');
    expect(dayKey(new Date('2026-05-31T21:50:00Z'), 'Asia/Tokyo')).toBe('2026-06-01');
    expect(dayKey(new Date('2026-05-31T21:59:00Z'), 'Europe/Berlin')).toBe('2026-05-31');
    expect(dayKey(new Date('2026-05-31T22:00:00Z'), 'Europe/Berlin')).toBe('2026-06-01');
    expect(monthKey(new Date('2026-05-31T22:00:00Z'), 'Europe/Berlin')).toBe('2026-06');
  });

  it('gives a half-hour zone its own day boundary', () => {
    // India is UTC+05:30: its day starts at 18:30 UTC.
    expect(dayKey(new Date('2026-02-10T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-02-10');
    expect(dayKey(new Date('2026-02-10T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-02-11');
  });
});

describe('hour keys', () => {
  it('name the local day and hour, 00–23', () => {
    expect(hourKey(new Date('2026-11-21T20:15:00Z'), 'Europe/Berlin')).toBe('2026-11-21 21');
    expect(hourKey(new Date('2026-11-21T23:15:00Z'), 'Europe/Berlin')).toBe('2026-11-22 00');
    expect(hourKey(new Date('2026-11-21T23:15:00Z'), 'UTC')).toBe('2026-11-21 23');
  });

  it('skip the hour the clocks jump over and fold the hour they repeat (Europe/Berlin)', () => {
    expect(hourKey(new Date('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29 01');
    expect(hourKey(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29 03');
    expect(hourKey(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25 02');
    expect(hourKey(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25 02');
    expect(hourKey(new Date('2026-10-25T02:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25 03');
  });
});

describe('the instant a local hour starts', () => {
  it('is the UTC instant of that wall-clock hour', () => {
    expect(localHourStart('2026-03-29', 9, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T07:00:00.000Z'
    );
    expect(localHourStart('2026-01-15', 0, 'Europe/Berlin').toISOString()).toBe(
      '2026-01-14T23:00:00.000Z'
    );
    expect(localHourStart('2026-01-15', 0, 'America/Los_Angeles').toISOString()).toBe(
      '2026-01-15T08:00:00.000Z'
    );
    expect(localHourStart('2026-01-15', 0, 'UTC').toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });

  it('makes the spring DST day 23 hours long and the autumn one 25 (Europe/Berlin)', () => {
    const length = (day: string, next: string) =>
      (localHourStart(next, 0, 'Europe/Berlin').getTime() -
        localHourStart(day, 0, 'Europe/Berlin').getTime()) /
      HOUR_MS;
    expect(localHourStart('2026-03-29', 0, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T23:00:00.000Z'
    );
    expect(localHourStart('2026-03-30', 0, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T22:00:00.000Z'
    );
    expect(length('2026-03-29', '2026-03-30')).toBe(23);
    expect(localHourStart('2026-10-25', 0, 'Europe/Berlin').toISOString()).toBe(
      '2026-10-24T22:00:00.000Z'
    );
    expect(localHourStart('2026-10-26', 0, 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T23:00:00.000Z'
    );
    expect(length('2026-10-25', '2026-10-26')).toBe(25);
    expect(length('2026-06-10', '2026-06-11')).toBe(24);
  });

  it('starts the hour the clocks skip where the next one does', () => {
    expect(localHourStart('2026-03-29', 2, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:00:00.000Z'
    );
    expect(localHourStart('2026-03-29', 3, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:00:00.000Z'
    );
  });

  it('gives the hours of a DST day in order, with no gap between the day and the next', () => {
    for (const [day, next] of [
      ['2026-03-29', '2026-03-30'],
      ['2026-10-25', '2026-10-26'],
    ]) {
      const starts = Array.from({ length: 24 }, (_, hour) =>
        localHourStart(day, hour, 'Europe/Berlin').getTime()
      );
      for (let hour = 1; hour < 24; hour += 1)
        expect(starts[hour]).toBeGreaterThanOrEqual(starts[hour - 1]);
      expect(starts[23]).toBeLessThan(localHourStart(next, 0, 'Europe/Berlin').getTime());
    }
    expect(localHourStart('2026-10-25', 3, 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T02:00:00.000Z'
    );
  });
});
