import { subUsd } from '../../../../shared/format';

/** The Analytics tiles' change in cost: exact, through the same femto-dollar integers as addUsd. */
describe('subUsd', () => {
  it('subtracts decimal USD texts exactly', () => {
    expect(subUsd('0.3', '0.1')).toBe('0.20');
    expect(subUsd('1235', '0.000000000000001')).toBe('1234.999999999999999');
    expect(subUsd('0.1', '0.3')).toBe('-0.20');
    expect(subUsd('-0.5', '-0.25')).toBe('-0.25');
    expect(subUsd('2', '2')).toBe('0.00');
    expect(subUsd('0', '0.000000000000001')).toBe('-0.000000000000001');
  });
});
