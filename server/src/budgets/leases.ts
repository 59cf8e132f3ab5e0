import { isNonNegative, isZero, minus, plus, ZERO, type Amount } from './amount';
import type { WindowLimits } from './limits';

/**
 * Budget room this instance already holds in the database counters and may hand out in memory.
 *
 * A lease is taken with the same conditional UPDATE as a single reservation, only k calls wide, so
 * the counters still count every bit of room that any instance can admit from: instances can never
 * admit more than the limit between them, and most calls need no round trip. Unused room goes back
 * to the database when the lease idles or ages out, so other instances see it soon.
 */

/** A lease is at most this fraction (1/n) of any limit it counts against. */
const LEASE_SHARE = 16n;
/** And at most this many calls wide. */
const MAX_LEASE_CALLS = 256n;

const covers = (room: Amount, amount: Amount) => isNonNegative(minus(room, amount));

/**
 * How many calls like `perCall` one lease may cover under these limits: 0 or 1 means "reserve
 * exactly" (a tight budget is shared call by call, so nobody is refused while room sits idle elsewhere).
 */
export function leaseWidth(limits: WindowLimits[], perCall: Amount): bigint {
  let width = MAX_LEASE_CALLS;
  for (const l of limits) {
    for (const [limit, amount] of [
      [l.cost, perCall.costNano],
      [l.tokens, perCall.tokens],
      [l.requests, perCall.requests],
    ] as const) {
      if (limit === null || amount <= 0n) continue;
      const fit = limit / (LEASE_SHARE * amount);
      if (fit < width) width = fit;
    }
  }
  return width;
}

interface Lease<T> {
  holder: T;
  room: Amount;
  grantedAt: number;
  usedAt: number;
}

/** The leases of one instance, by counter and window. Pure bookkeeping: the gate does the SQL. */
export class LeaseBook<T> {
  private leases = new Map<string, Lease<T>>();

  get size() {
    return this.leases.size;
  }

  holderOf(id: string): T | undefined {
    return this.leases.get(id)?.holder;
  }

  roomOf(id: string): Amount {
    return this.leases.get(id)?.room ?? ZERO;
  }

  /** Takes `amount` from the lease of every id, or from none when one of them cannot cover it. */
  takeAll(ids: string[], amount: Amount, now: number): boolean {
    const found = ids.map((id) => this.leases.get(id));
    if (!found.every((lease) => lease !== undefined && covers(lease.room, amount))) return false;
    for (const lease of found as Lease<T>[]) {
      lease.room = minus(lease.room, amount);
      lease.usedAt = now;
    }
    return true;
  }

  /** Removes a lease and returns its room, so the caller can fold it into its next statement. */
  detach(id: string): Amount {
    const lease = this.leases.get(id);
    this.leases.delete(id);
    return lease?.room ?? ZERO;
  }

  /** Adds room to a lease, creating it for a grant or for room given back (nothing to add: no lease). */
  credit(id: string, holder: T, amount: Amount, now: number): boolean {
    const lease = this.leases.get(id);
    if (lease) {
      lease.room = plus(lease.room, amount);
      return true;
    }
    if (isZero(amount)) return false;
    this.leases.set(id, { holder, room: amount, grantedAt: now, usedAt: now });
    return true;
  }

  /** Removes and returns the leases to give back: idle ones and old ones, or all of them. */
  expire(
    now: number,
    policy: { idleMs: number; maxAgeMs: number } | 'all'
  ): Array<{ holder: T; room: Amount }> {
    const out: Array<{ holder: T; room: Amount }> = [];
    for (const [id, lease] of this.leases) {
      if (
        policy !== 'all' &&
        now - lease.usedAt < policy.idleMs &&
        now - lease.grantedAt < policy.maxAgeMs
      )
        continue;
      this.leases.delete(id);
      if (!isZero(lease.room)) out.push({ holder: lease.holder, room: lease.room });
    }
    return out;
  }
}
