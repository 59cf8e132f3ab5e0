import type { Core } from '@strapi/strapi';
import type { CircuitState } from '../../../shared/contracts/overview';
import { UID } from '../content-types/schemas';
import { knexOf, systemValues, tableOf } from '../db/tables';

export type { CircuitState };

export interface Circuit {
  state: CircuitState;
  failures: number;
  openedAtMs: number;
  probeAtMs: number;
}

export const CLOSED: Circuit = { state: 'closed', failures: 0, openedAtMs: 0, probeAtMs: 0 };

/** A statement that hangs must not hold calls: the breaker gives up on it (and fails open). */
const STATEMENT_TIMEOUT_MS = 5000;

/**
 * The circuits table (`plugin::llm.circuit`), one row per provider, shared by every instance. Each
 * change is one conditional statement whose affected-row count says whether this instance made it:
 * two instances counting failures at once never lose one, only one of them opens the circuit or
 * claims the half-open probe, and only that probe's outcome (matched by its claim time) closes or
 * reopens it. Times are the plugin clock's milliseconds.
 */
export function createCircuitStore(strapi: Core.Strapi) {
  const knex = knexOf(strapi);
  const table = tableOf(strapi, UID.circuit);
  const c = table.column;
  const row = (providerId: number) =>
    knex(table.name).where(c('providerId'), providerId).timeout(STATEMENT_TIMEOUT_MS);
  const changedOne = (count: unknown) => Number(count) === 1;
  const probe = (providerId: number, claimMs: number) =>
    row(providerId).andWhere(c('state'), 'half-open').andWhere(c('probeAtMs'), claimMs);

  async function read(providerId: number): Promise<Circuit> {
    const found = (await row(providerId).first()) as Record<string, unknown> | undefined;
    if (!found) return CLOSED;
    return {
      state: String(found[c('state')]) as CircuitState,
      failures: Number(found[c('failures')]),
      openedAtMs: Number(found[c('openedAtMs')]),
      probeAtMs: Number(found[c('probeAtMs')]),
    };
  }

  /**
   * Counts a failure of a closed circuit in the current window (a new window when the last began
   * before `nowMs − windowMs`). MySQL applies SET left to right: `failures` must read the old
   * window start, so it comes first.
   */
  async function countFailure(providerId: number, nowMs: number, windowMs: number) {
    const since = nowMs - windowMs;
    const count = () =>
      row(providerId)
        .andWhere(c('state'), 'closed')
        .update({
          [c('failures')]: knex.raw(`CASE WHEN ?? > ? THEN ?? + 1 ELSE 1 END`, [
            c('windowStartMs'),
            since,
            c('failures'),
          ]),
          [c('windowStartMs')]: knex.raw(`CASE WHEN ?? > ? THEN ?? ELSE ? END`, [
            c('windowStartMs'),
            since,
            c('windowStartMs'),
            nowMs,
          ]),
        });
    if (changedOne(await count())) return;
    // The provider's first failure: its row, then the count (another instance may insert it first).
    await knex(table.name)
      .insert({
        [c('providerId')]: providerId,
        [c('state')]: 'closed',
        [c('failures')]: 0,
        [c('windowStartMs')]: nowMs,
        [c('openedAtMs')]: 0,
        [c('probeAtMs')]: 0,
        ...systemValues(new Date(nowMs)),
      })
      .onConflict(c('providerId'))
      .ignore()
      .timeout(STATEMENT_TIMEOUT_MS);
    await count();
  }

  /** A success between failures: the count starts again (failures must come in a row to open). */
  const resetFailures = async (providerId: number) => {
    await row(providerId)
      .andWhere(c('state'), 'closed')
      .andWhere(c('failures'), '>', 0)
      .update({ [c('failures')]: 0 });
  };

  /** Opens a closed circuit that reached `threshold` failures; true when this call opened it. */
  const openIfTripped = async (providerId: number, threshold: number, nowMs: number) =>
    changedOne(
      await row(providerId)
        .andWhere(c('state'), 'closed')
        .andWhere(c('failures'), '>=', threshold)
        .update({ [c('state')]: 'open', [c('openedAtMs')]: nowMs })
    );

  /**
   * Claims the one probe of an open circuit whose pause is over (or of a half-open one whose probe
   * never reported back within `staleMs`); true when this call is the probe, claimed at `nowMs`.
   */
  const claimProbe = async (providerId: number, nowMs: number, openMs: number, staleMs: number) =>
    changedOne(
      await row(providerId)
        .andWhere((q) =>
          q
            .where((open) =>
              open.where(c('state'), 'open').andWhere(c('openedAtMs'), '<=', nowMs - openMs)
            )
            .orWhere((stale) =>
              stale.where(c('state'), 'half-open').andWhere(c('probeAtMs'), '<=', nowMs - staleMs)
            )
        )
        .update({ [c('state')]: 'half-open', [c('probeAtMs')]: nowMs })
    );

  /** The probe succeeded: closed, failures forgotten. */
  const closeAfterProbe = async (providerId: number, claimMs: number) =>
    changedOne(
      await probe(providerId, claimMs).update({
        [c('state')]: 'closed',
        [c('failures')]: 0,
        [c('windowStartMs')]: 0,
      })
    );

  /** The probe failed as a down provider does: open for another pause. */
  const reopenAfterProbe = async (providerId: number, claimMs: number, nowMs: number) =>
    changedOne(
      await probe(providerId, claimMs).update({ [c('state')]: 'open', [c('openedAtMs')]: nowMs })
    );

  /**
   * The probe told nothing about the provider (a later control refused it, the caller aborted, the
   * request itself was bad): open again with the pause already over, so the next call probes.
   */
  const giveBackProbe = async (providerId: number, claimMs: number, openedAtMs: number) => {
    await probe(providerId, claimMs).update({
      [c('state')]: 'open',
      [c('openedAtMs')]: openedAtMs,
    });
  };

  return {
    read,
    countFailure,
    resetFailures,
    openIfTripped,
    claimProbe,
    closeAfterProbe,
    reopenAfterProbe,
    giveBackProbe,
  };
}

export type CircuitStore = ReturnType<typeof createCircuitStore>;
