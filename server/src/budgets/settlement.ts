import type { Core } from '@strapi/strapi';
import { minus, plus, ZERO, type Amount } from './amount';
import type { Counters } from './counters';
import { leaseId, type HeldCounter } from './held-counter';
import type { LeaseBook } from './leases';
import type { AlertIfCrossed } from './threshold-alerts';

/** Settlements are written together this often. */
export const SETTLE_MS = 100;
/** A lease goes back to the database at least this often, even under steady use. */
const LEASE_MAX_MS = 1000;

/**
 * Settlements are queued and written together every SETTLE_MS: the caller never waits for them,
 * and until they land the counters hold the worst case, which can only refuse more, never less.
 * Lease room that idles or ages out goes back to the database on the same beat.
 */
export function createSettlement(deps: {
  strapi: Core.Strapi;
  book: LeaseBook<HeldCounter>;
  counters: Counters;
  alertIfCrossed: AlertIfCrossed;
}) {
  const { book, counters } = deps;
  const queue = new Map<string, { held: HeldCounter; delta: Amount }>();
  const touched = new Map<string, HeldCounter>();
  let timer: NodeJS.Timeout | null = null;
  let settling: Promise<void> = Promise.resolve();

  const arm = () => {
    timer ??= setTimeout(() => void settle(false), SETTLE_MS);
  };

  function enqueue(held: HeldCounter, delta: Amount) {
    const id = leaseId(held);
    const entry = queue.get(id);
    if (entry) entry.delta = plus(entry.delta, delta);
    else queue.set(id, { held, delta });
    arm();
  }

  /** Writes the queued deltas, then checks every counter that moved for thresholds. */
  async function write(batch: Array<{ held: HeldCounter; delta: Amount }>, moved: HeldCounter[]) {
    try {
      if (batch.length > 0)
        await counters.adjustAll(
          batch.map(({ held, delta }) => ({ rowId: held.rowId, period: held.period, delta }))
        );
      for (const held of moved) await deps.alertIfCrossed(held);
    } catch (error) {
      deps.strapi.log.error(
        `llm: settling ${batch.length} budget reservation(s) failed; they stay at their worst case: ${(error as Error).message}`
      );
    }
  }

  function settle(everything: boolean): Promise<void> {
    const expired = book.expire(
      Date.now(),
      everything ? 'all' : { idleMs: SETTLE_MS, maxAgeMs: LEASE_MAX_MS }
    );
    for (const { holder, room } of expired) enqueue(holder, minus(ZERO, room));
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = [...queue.values()];
    queue.clear();
    // Every counter that moved, once: through its lease or through the database.
    const moved = new Map(touched);
    for (const { held } of batch) moved.set(leaseId(held), held);
    touched.clear();
    settling = settling.then(() => write(batch, [...moved.values()]));
    if (book.size > 0) arm();
    return settling;
  }

  return {
    /**
     * What a call did not use becomes lease room: it is counted in the database either way, and as
     * room this instance can admit the next call from it. A call that used more than it reserved is
     * charged to the database.
     */
    giveBack(held: HeldCounter, unused: Amount) {
      const id = leaseId(held);
      touched.set(id, held);
      if (unused.costNano >= 0n && unused.tokens >= 0n) book.credit(id, held, unused, Date.now());
      else enqueue(held, minus(ZERO, unused));
      arm();
    },
    /** Keeps the beat going while leases hold room. */
    arm,
    /** Writes what is queued now (`everything`: every lease goes back too); resolves when written. */
    settle,
  };
}

export type Settlement = ReturnType<typeof createSettlement>;
