/**
 * Attempts of one logical call. The gateway retries a provider failure (overload, 5xx, network),
 * may serve the call from a fallback configuration and may run tool steps; every attempt is a usage
 * row of its own, and every attempt after the first names the first one's request id (`attemptOf`).
 */

export interface AttemptLike {
  requestId: string;
  /** The first attempt's request id; null on the first attempt itself. */
  attemptOf: string | null;
  success: boolean;
}

export interface AttemptGroup<T> {
  call: T;
  /** The failed attempts before `call` of the same logical call, newest first. */
  retries: T[];
}

/** The logical call an attempt belongs to: its first attempt's request id. */
export const callIdOf = (attempt: AttemptLike): string => attempt.attemptOf ?? attempt.requestId;

/**
 * Groups calls listed newest first so that a failed attempt sits under the later attempt of the same
 * logical call (a retry or a fallback). A successful earlier attempt (a tool step) stays a line of
 * its own: it was served and billed.
 */
export function groupAttempts<T extends AttemptLike>(calls: T[]): Array<AttemptGroup<T>> {
  const groups: Array<AttemptGroup<T>> = [];
  const latest = new Map<string, AttemptGroup<T>>();
  for (const call of calls) {
    const id = callIdOf(call);
    const group = latest.get(id);
    if (group && !call.success) {
      group.retries.push(call);
      continue;
    }
    const own = { call, retries: [] };
    groups.push(own);
    latest.set(id, own);
  }
  return groups;
}
