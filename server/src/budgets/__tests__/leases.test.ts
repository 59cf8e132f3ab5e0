import { isZero, minus, plus, times, ZERO } from '../amount';
import { LeaseBook, leaseWidth } from '../leases';
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
    book.credit('a', 'A', amount(100n, 10n, 3n), 0);
    expect(book.takeAll(['a'], amount(40n, 4n), 1)).toBe(true);
    expect(book.roomOf('a')).toEqual(amount(60n, 6n, 2n));
    // 'b' has no lease: nothing is taken from 'a' either.
    expect(book.takeAll(['a', 'b'], amount(10n), 2)).toBe(false);
    expect(book.roomOf('a')).toEqual(amount(60n, 6n, 2n));
    expect(book.takeAll(['a'], amount(70n), 3)).toBe(false);

    // Nothing to give back makes no lease; room given back adds to the lease there is.
    expect(book.credit('b', 'B', ZERO, 4)).toBe(false);
    expect(book.size).toBe(1);
    expect(book.credit('a', 'A', amount(5n, 0n, 0n), 4)).toBe(true);
    expect(book.roomOf('a')).toEqual(amount(65n, 6n, 2n));

    book.credit('c', 'C', amount(1n), 100);
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
    book.credit('a', 'A', amount(7n), 0);
    expect(book.detach('a')).toEqual(amount(7n));
    expect(book.detach('a')).toEqual(ZERO);
    expect(book.size).toBe(0);
  });

  it('are narrowed by whichever of cost, tokens and requests fits fewest calls', () => {
    // 1,000 tokens a call against 160,000 tokens: 10 calls, though the cost would allow 256.
    expect(leaseWidth([limits('day', 10n ** 12n, 160_000n)], amount(10n, 1_000n))).toBe(10n);
    // The month's request limit is tighter than the day's cost limit here.
    expect(
      leaseWidth([limits('day', 16_000n), limits('month', null, null, 32n)], amount(10n))
    ).toBe(2n);
    // No limits at all: the widest lease.
    expect(leaseWidth([], amount(10n))).toBe(256n);
  });

  it('keep a lease that was used recently until it ages out, and say who holds it', () => {
    const book = new LeaseBook<{ counter: number }>();
    const holder = { counter: 7 };
    book.credit('a', holder, amount(100n), 0);
    expect(book.holderOf('a')).toBe(holder);
    expect(book.holderOf('b')).toBeUndefined();
    expect(book.takeAll(['a'], amount(10n), 90)).toBe(true);
    // Used at 90: not idle at 150 with idleMs 100, and not older than maxAgeMs.
    expect(book.expire(150, { idleMs: 100, maxAgeMs: 1000 })).toEqual([]);
    expect(book.size).toBe(1);
    // 'all' gives back every lease; a lease with no room left is dropped without a give-back.
    book.credit('empty', holder, amount(5n, 0n, 0n), 150);
    expect(book.takeAll(['empty'], amount(5n, 0n, 0n), 151)).toBe(true);
    expect(book.expire(152, 'all')).toEqual([{ holder, room: amount(90n, 0n, 0n) }]);
    expect(book.size).toBe(0);
  });

  it('never creates a lease of no room', () => {
    const book = new LeaseBook<string>();
    expect(book.credit('a', 'A', ZERO, 0)).toBe(false);
    expect(book.size).toBe(0);
    expect(book.roomOf('a')).toEqual(ZERO);
  });
});

describe('budget amounts', () => {
  it('add, subtract and multiply every metric', () => {
    expect(plus(amount(5n, 2n, 1n), amount(1n, 1n, 1n))).toEqual(amount(6n, 3n, 2n));
    expect(minus(amount(5n, 2n, 1n), amount(6n, 1n, 1n))).toEqual(amount(-1n, 1n, 0n));
    expect(times(amount(5n, 2n, 1n), 3n)).toEqual(amount(15n, 6n, 3n));
    expect(isZero(ZERO)).toBe(true);
    expect(isZero(amount(0n, 0n, 1n))).toBe(false);
  });
});
