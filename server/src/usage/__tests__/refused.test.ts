import { callStatusOf, isBlocked, REFUSED_CODES } from '../metrics';

describe('calls refused before any provider was asked', () => {
  it.each(REFUSED_CODES)('counts %s as a refused attempt, not a request', (code) => {
    expect(isBlocked({ errorCode: code })).toBe(true);
  });

  it('gives an allow-list refusal its own status, denied; the other refusals are blocked', () => {
    expect(callStatusOf(false, 'not_allowed')).toBe('denied');
    expect(callStatusOf(false, 'budget_exceeded')).toBe('blocked');
    expect(callStatusOf(false, 'rate_limit_exceeded')).toBe('blocked');
  });

  it("keeps a provider's own rate limiting a failure (the seed's rate_limited code)", () => {
    expect(isBlocked({ errorCode: 'rate_limited' })).toBe(false);
    expect(callStatusOf(false, 'rate_limited')).toBe('failure');
    expect(callStatusOf(true, null)).toBe('success');
    expect(callStatusOf(1, null)).toBe('success');
  });
});
