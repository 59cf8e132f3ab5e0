import type { EntryCall } from '../../../../shared/contracts/entries';
import { groupAttempts, RETRIED_CODES, type AttemptGroup } from '../../../../shared/call-attempts';

/** A call as the panel lists it: with the failed attempts before it that it retried. */
export type CallGroup = AttemptGroup<EntryCall>;

const sameCall = (a: EntryCall, b: EntryCall) =>
  a.user === b.user && a.model === b.model && a.task === b.task && a.service === b.service;

/**
 * Groups an entry's last calls (newest first) so a retried failure sits under the call that retried
 * it — the same user, model, task and service, moments later — instead of reading as a call of its own.
 */
export const groupRetries = (calls: EntryCall[]): CallGroup[] =>
  groupAttempts(
    calls,
    (older, newer) => RETRIED_CODES.has(older.errorCode ?? '') && sameCall(older, newer)
  );
