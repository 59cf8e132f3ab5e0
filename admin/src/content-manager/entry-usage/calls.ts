import type { EntryCall } from '../../../../shared/contracts/entries';
import { groupAttempts, type AttemptGroup } from '../../../../shared/call-attempts';

/** A call as the panel lists it: with the failed attempts before it that it retried. */
export type CallGroup = AttemptGroup<EntryCall>;

/**
 * Groups an entry's last calls (newest first) so a failed attempt sits under the later attempt of
 * the same call (the gateway links them: `attemptOf`) instead of reading as a call of its own.
 */
export const groupRetries = (calls: EntryCall[]): CallGroup[] => groupAttempts(calls);
