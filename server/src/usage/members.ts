import type { UsageEvent } from './event';
import { callStatusOf } from './metrics';

/** A call's member in the `errorCode` dimension: '' for a success, 'unknown' for a failure without a code. */
export const errorCodeKey = (event: Pick<UsageEvent, 'success' | 'errorCode'>) =>
  event.success ? '' : (event.errorCode ?? 'unknown');

/** At most this many tags of one call are counted, each at most TAG_LENGTH characters. */
const MAX_TAGS = 20;
const TAG_LENGTH = 100;
/**
 * A call's tags: `metadata.tags` (strings) and `metadata.tag` (one string), trimmed and deduplicated;
 * [''] for a call without any (so every call is in exactly the dimension's rows, tagged or not).
 */
export function tagsOf(metadata: UsageEvent['metadata']): string[] {
  const raw = [
    ...(Array.isArray(metadata?.tags) ? metadata.tags : []),
    ...(typeof metadata?.tag === 'string' ? [metadata.tag] : []),
  ];
  const tags = [
    ...new Set(
      raw
        .filter((tag): tag is string => typeof tag === 'string')
        .map((tag) => tag.trim().slice(0, TAG_LENGTH))
        .filter(Boolean)
    ),
  ].slice(0, MAX_TAGS);
  return tags.length ? tags : [''];
}

/** Whether a call succeeded, failed at the provider, or was refused before it (the status filter). */
export const statusOf = (event: Pick<UsageEvent, 'success' | 'errorCode'>) =>
  callStatusOf(event.success, event.errorCode);
