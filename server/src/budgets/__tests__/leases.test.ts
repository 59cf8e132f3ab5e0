import { LeaseBook, leaseWidth, ZERO } from '../leases';
import type { WindowLimits } from '../limits';

const amount = (costNano: bigint, tokens = 0n, requests = 1n) => ({ costNano, tokens, requests });
const limits = (
  window: 'day' | 'month',
  cost: bigint | null,
  tokens: bigint | null = null,
  requests: bigint | null = null
): WindowLimits => ({ window, cost, tokens, requests });

describe('budget leases', () => {
  it('are at most a sixteenth of the tightest limit and 256 calls wide', () => {
    expect(leaseWidth([limits('month', 1_600n)], amount(10n))).toBe(10n);
    expect(leaseWidth([limits('day', 1_600n), limits('month', 16_000n)], amount(10n))).toBe(10n);
    expect(leaseWidth([limits('day', null, null, 48n)], amount(10n))).toBe(3n);
    expect(leaseWidth([limits('day', 10n ** 15n)], amount(1n))).toBe(256n);
    // A call that reserves nothing on a metric is not limited by it (an unpriced model's cost).
    expect(leaseWidth([limits('day', 100n)], amount(0n))).toBe(256n);
    expect(leaseWidth([limits('day', 100n)], amount(50n))).toBe(0n);
  });

  it('hands out room from every lease or from none, and gives back idle and old leases', () => {
    const book = new LeaseBook<string>();
    book.credit('a', 'A', amount(100n, 10n, 3n), 0, true);
    expect(book.takeAll(['a'], amount(40n, 4n), 1)).toBe(true);
    expect(book.roomOf('a')).toEqual(amount(60n, 6n, 2n));
    // 'b' has no lease: nothing is taken from 'a' either.
    expect(book.takeAll(['a', 'b'], amount(10n), 2)).toBe(false);
    expect(book.roomOf('a')).toEqual(amount(60n, 6n, 2n));
    expect(book.takeAll(['a'], amount(70n), 3)).toBe(false);

    // Room given back goes only to an existing lease unless asked to create one.
    expect(book.credit('b', 'B', amount(5n), 4, false)).toBe(false);
    expect(book.credit('a', 'A', amount(5n, 0n, 0n), 4, false)).toBe(true);
    expect(book.roomOf('a')).toEqual(amount(65n, 6n, 2n));

    book.credit('c', 'C', amount(1n), 100, true);
    expect(book.expire(150, { idleMs: 100, maxAgeMs: 1000 })).toEqual([
      { holder: 'A', room: amount(65n, 6n, 2n) },
    ]);
    expect(book.expire(1200, { idleMs: 10_000, maxAgeMs: 1000 })).toEqual([
      { holder: 'C', room: amount(1n) },
    ]);
    expect(book.size).toBe(0);
  });

  it('detaches a lease so its room can be folded into the next statement', () => {
    const book = new LeaseBook<string>();
    book.credit('a', 'A', amount(7n), 0, true);
    expect(book.detach('a')).toEqual(amount(7n));
    expect(book.detach('a')).toEqual(ZERO);
    expect(book.size).toBe(0);
  });
});
