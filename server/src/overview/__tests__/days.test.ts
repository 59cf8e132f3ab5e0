import { overviewDays } from '../spend';

describe('overviewDays: the days the Overview compares', () => {
  it('compares the same days elapsed of last month', () => {
    expect(overviewDays('2026-03-15')).toEqual({
      monthStart: '2026-03-01',
      lastMonthStart: '2026-02-01',
      lastMonthEnd: '2026-02-28',
      lastMonthToDate: '2026-02-15',
      comparedDays: 15,
    });
  });

  it('cuts at the end of a shorter last month, and crosses the year', () => {
    expect(overviewDays('2026-03-30')).toMatchObject({
      lastMonthToDate: '2026-02-28',
      comparedDays: 28,
    });
    expect(overviewDays('2028-03-31')).toMatchObject({
      lastMonthToDate: '2028-02-29',
      comparedDays: 29,
    });
    expect(overviewDays('2027-01-01')).toMatchObject({
      lastMonthStart: '2026-12-01',
      lastMonthToDate: '2026-12-01',
      comparedDays: 1,
    });
  });
});
