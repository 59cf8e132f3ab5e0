/**
 * Attempts of one logical call. The gateway retries a provider failure (overload, 5xx, network) and
 * may then serve the call from a fallback configuration; every attempt is a usage row of its own,
 * with nothing but time and who/what/where tying them together. One grouping, used by the Content
 * Manager side panel (by names) and the request log (by ids).
 */

/** Errors the gateway retries (overload, 5xx, network): a call that failed with one was tried again. */
export const RETRIED_CODES: ReadonlySet<string> = new Set([
  'provider_error',
  'provider_unreachable',
  'provider_timeout',
]);

/** How long after a failed attempt its retry starts, at most (backoff 250 ms, 500 ms, 1 s, … plus the timeout). */
export const RETRY_WINDOW_MS = 5 * 60_000;

export interface AttemptLike {
  occurredAt: string;
  success: boolean;
  errorCode: string | null;
}

export interface AttemptGroup<T> {
  call: T;
  /** The failed attempts before `call`, newest first. */
  retries: T[];
}

/**
 * Groups calls listed newest first so that a failed attempt sits under the later attempt that tried
 * again: `followedBy(older, newer)` says whether `newer` is a retry or fallback of `older` (same
 * user, task, service…), and the failure must be one the gateway tries again, moments before.
 */
export function groupAttempts<T extends AttemptLike>(
  calls: T[],
  followedBy: (older: T, newer: T) => boolean
): Array<AttemptGroup<T>> {
  const groups: Array<AttemptGroup<T>> = [];
  for (const call of calls) {
    const last = groups[groups.length - 1];
    const attempt = last ? (last.retries[last.retries.length - 1] ?? last.call) : null;
    const retried =
      last !== undefined &&
      attempt !== null &&
      !call.success &&
      followedBy(call, attempt) &&
      Date.parse(attempt.occurredAt) - Date.parse(call.occurredAt) <= RETRY_WINDOW_MS;
    if (retried) last.retries.push(call);
    else groups.push({ call, retries: [] });
  }
  return groups;
}
