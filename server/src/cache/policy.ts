import type { ResolvedTarget } from '../gateway/types';

/** A TTL when neither the configuration nor the task names one: one hour. */
export const DEFAULT_TTL_SECONDS = 3600;
/** The longest an answer may be cached: 30 days. */
export const MAX_TTL_SECONDS = 30 * 86_400;

/**
 * How long this call's answer may be cached, in ms, or null when the cache is off for it. Opt-in:
 * the configuration turns it on; a task overrides it (`on`/`off`, and its own TTL when set).
 */
export function cacheTtlMs(target: ResolvedTarget): number | null {
  const { configuration, task } = target;
  const mode = task?.responseCache ?? 'inherit';
  const enabled = mode === 'inherit' ? configuration?.responseCache === true : mode === 'on';
  if (!enabled) return null;
  const seconds =
    task?.responseCacheTtlSeconds ?? configuration?.responseCacheTtlSeconds ?? DEFAULT_TTL_SECONDS;
  return Math.min(Math.max(1, seconds), MAX_TTL_SECONDS) * 1000;
}
