import type { EntryCall } from '../../../../shared/contracts/entries';

/** Errors the gateway retries (overload, 5xx, network): a call that failed with one was tried again. */
const RETRIED_CODES = new Set(['provider_error', 'provider_unreachable', 'provider_timeout']);

/** How long after a failed attempt its retry starts, at most (backoff 250 ms, 500 ms, 1 s, … plus the timeout). */
const RETRY_WINDOW_MS = 5 * 60_000;

/** A call as the panel lists it: with the failed attempts before it that it retried. */
export interface CallGroup {
  call: EntryCall;
  retries: EntryCall[];
}

const sameCall = (a: EntryCall, b: EntryCall) =>
  a.user === b.user && a.model === b.model && a.task === b.task && a.service === b.service;

/**
 * Groups an entry's last calls (newest first) so a retried failure sits under the call that retried
 * it — the same user, model, task and service, moments later — instead of reading as a call of its own.
 */
export function groupRetries(calls: EntryCall[]): CallGroup[] {
  const groups: CallGroup[] = [];
  for (const call of calls) {
    const last = groups[groups.length - 1];
    const attempt = last ? (last.retries[last.retries.length - 1] ?? last.call) : null;
    const retried =
      last !== undefined &&
      attempt !== null &&
      !call.success &&
      RETRIED_CODES.has(call.errorCode ?? '') &&
      sameCall(call, attempt) &&
      Date.parse(attempt.occurredAt) - Date.parse(call.occurredAt) <= RETRY_WINDOW_MS;
    if (retried) last.retries.push(call);
    else groups.push({ call, retries: [] });
  }
  return groups;
}
