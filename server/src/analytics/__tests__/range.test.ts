import { bucketLabel, parseRangeKey, resolveRange, shiftDay } from '../range';

describe('range keys', () => {
  it('accept the known keys and fall back to 30 days for anything else', () => {
    expect(parseRangeKey('7d')).toBe('7d');
    expect(parseRangeKey('month')).toBe('month');
    expect(parseRangeKey('1d')).toBe('1d');
    expect(parseRangeKey('8d')).toBe('30d');
    expect(parseRangeKey(undefined)).toBe('30d');
    expect(parseRangeKey(['7d'])).toBe('30d');
  });
});

describe('shiftDay', () => {
  it('moves a local date by calendar days across months, years and leap days', () => {
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-03-28', 2)).toBe('2026-03-30');
    expect(shiftDay('2026-11-21', 0)).toBe('2026-11-21');
  });
});

describe('resolving a range of days', () => {
  it('ends today in the configured zone and counts today in', () => {
    const range = resolveRange('7d', new Date('2026-03-01T10:00:00Z'), 'UTC');
    expect(range).toEqual({
      key: '7d',
      from: '2026-02-23',
      to: '2026-03-01',
      bucket: 'day',
      timeZone: 'UTC',
      buckets: [
        '2026-02-23',
        '2026-02-24',
        '2026-02-25',
        '2026-02-26',
        '2026-02-27',
        '2026-02-28',
        '2026-03-01',
      ],
    });
  });

  it('takes today from the zone: late evening UTC is already tomorrow in Berlin', () => {
    const now = new Date('2026-03-31T22:30:00Z');
    expect(resolveRange('month', now, 'UTC').buckets).toHaveLength(31);
    expect(resolveRange('month', now, 'UTC').from).toBe('2026-03-01');
    expect(resolveRange('month', now, 'Europe/Berlin')).toMatchObject({
      from: '2026-04-01',
      to: '2026-04-01',
      buckets: ['2026-04-01'],
    });
  });

  it('spans 90 and 365 calendar days, a DST change or leap day included', () => {
    const ninety = resolveRange('90d', new Date('2026-04-15T12:00:00Z'), 'Europe/Berlin');
    expect(ninety.buckets).toHaveLength(90);
    expect(ninety.from).toBe('2026-01-16');
    expect(new Set(ninety.buckets).size).toBe(90);
    const year = resolveRange('365d', new Date('2025-02-28T12:00:00Z'), 'UTC');
    expect(year.buckets).toHaveLength(365);
    expect(year.from).toBe('2024-03-01');
    expect(year.to).toBe('2025-02-28');
  });
});

describe('resolving the last 24 hours', () => {
  it('gives 24 hourly buckets ending with the current hour, and the instants that bound them', () => {
    const range = resolveRange('1d', new Date('2026-06-10T12:10:00Z'), 'Europe/Berlin');
    expect(range.bucket).toBe('hour');
    expect(range.buckets).toHaveLength(24);
    expect(range.from).toBe('2026-06-09 15');
    expect(range.to).toBe('2026-06-10 14');
    expect(range.since!.toISOString()).toBe('2026-06-09T13:00:00.000Z');
    expect(range.until!.toISOString()).toBe('2026-06-10T13:00:00.000Z');
  });

  it('skips the hour Berlin jumps over in spring', () => {
    const range = resolveRange('1d', new Date('2026-03-29T12:10:00Z'), 'Europe/Berlin');
    expect(range.buckets).toHaveLength(24);
    expect(range.buckets).toContain('2026-03-29 01');
    expect(range.buckets).not.toContain('2026-03-29 02');
    expect(range.buckets).toContain('2026-03-29 03');
    expect(range.from).toBe('2026-03-28 14');
    expect(range.to).toBe('2026-03-29 14');
  });

  it('folds the hour Berlin repeats in autumn into one bucket: 23 buckets for 24 hours', () => {
    const range = resolveRange('1d', new Date('2026-10-25T12:10:00Z'), 'Europe/Berlin');
    expect(range.buckets).toHaveLength(23);
    expect(range.buckets.filter((b) => b === '2026-10-25 02')).toHaveLength(1);
    expect(range.from).toBe('2026-10-24 15');
    expect(range.to).toBe('2026-10-25 13');
    expect(range.until!.getTime() - range.since!.getTime()).toBe(24 * 3_600_000);
  });
});

describe('bucket labels', () => {
  it('show an hour bucket as its hour and a day as it is', () => {
    expect(bucketLabel('2026-11-21 21')).toBe('21:00');
    expect(bucketLabel('2026-11-21 00')).toBe('00:00');
    expect(bucketLabel('2026-11-21')).toBe('2026-11-21');
  });
});
