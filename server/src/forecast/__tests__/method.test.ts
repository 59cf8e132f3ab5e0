import { addDays, daysBetween, monthBounds } from '../days';
import { daysRead, project, runOut } from '../method';

const USD = 10n ** 15n; // femto-USD per dollar

describe('forecast days', () => {
  it('counts calendar days whatever the clocks do (March 2026 has the Berlin DST change)', () => {
    expect(monthBounds('2026-03-29')).toEqual({ first: '2026-03-01', last: '2026-03-31' });
    expect(monthBounds('2028-02-10').last).toBe('2028-02-29');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(daysBetween('2026-03-29', '2026-03-31')).toBe(2);
    expect(daysRead('2026-03-03')).toEqual({ from: '2026-02-24', to: '2026-03-03' });
  });
});

describe('project', () => {
  it('projects the month end from the trailing 7 days', () => {
    const spend = new Map<string, bigint>();
    // 7 days before the 20th at $1, $2, …, $7: $28 → $4 a day.
    for (let i = 1; i <= 7; i++) spend.set(addDays('2026-06-20', -i), BigInt(i) * USD);
    spend.set('2026-06-20', 1n * USD); // today so far, under the rate
    const p = project(spend, '2026-06-20');
    expect(p.rate).toBe(4n * USD);
    expect(p.monthSoFar).toBe(29n * USD);
    expect(p.daysLeft).toBe(10);
    // 28 before today, today at the rate (4), 10 more days at 4.
    expect(p.projected).toBe(72n * USD);
  });

  it('keeps today when it already spent more than the rate, and rounds the rate to the femto', () => {
    const spend = new Map([
      ['2026-06-29', 10n],
      ['2026-06-30', 9n * USD],
    ]);
    const p = project(spend, '2026-06-30');
    expect(p.rate).toBe(1n); // 10 / 7 → 1 (half away from zero)
    expect(p.daysLeft).toBe(0);
    expect(p.projected).toBe(9n * USD + 10n);
  });
});

describe('runOut', () => {
  const base = { today: '2026-06-20', windowEnd: '2026-06-30', todaySoFar: 0n };
  it('finds the first day the limit is reached', () => {
    // 50 used, 10 a day, limit 100: today → 60, 21st 70, … 24th → 100.
    expect(runOut({ ...base, used: 50n, limit: 100n, rate: 10n })).toEqual({
      runsOutOn: '2026-06-24',
      projected: 160n,
    });
  });
  it('is today when the limit is already reached, null when the window ends first', () => {
    expect(runOut({ ...base, used: 100n, limit: 100n, rate: 0n }).runsOutOn).toBe('2026-06-20');
    expect(runOut({ ...base, used: 0n, limit: 1000n, rate: 10n }).runsOutOn).toBeNull();
    expect(runOut({ ...base, used: 0n, limit: 1000n, rate: 0n }).runsOutOn).toBeNull();
  });
  it('does not count today twice when it already spent more than the rate', () => {
    expect(runOut({ ...base, used: 95n, limit: 100n, rate: 10n, todaySoFar: 30n }).runsOutOn).toBe(
      '2026-06-21'
    );
  });
});
