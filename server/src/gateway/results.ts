import type { CallUsage } from '../../../shared/contracts/tasks';
import { formatFemtoUsd, toFemto } from '../pricing/money';
import type { UsageEvent } from '../usage/event';

/**
 * What a caller learns about the usage of its call: what routes return, plus the whole nano-USD
 * budgets count. `costUsd` is exact (femto-USD precision), so a sub-nano call never reads as free.
 */
export interface UsageSummary extends CallUsage {
  costNano: string | null;
}

export const summarize = (event: UsageEvent): UsageSummary => ({
  requestId: event.requestId,
  inputTokens: event.inputTokens,
  outputTokens: event.outputTokens,
  cacheReadTokens: event.cacheReadTokens,
  cacheWriteTokens: event.cacheWriteTokens,
  reasoningTokens: event.reasoningTokens,
  units: event.units,
  costUsd:
    event.costNano === null
      ? null
      : formatFemtoUsd(toFemto(event.costNano, event.costRemainderFemto)),
  costNano: event.costNano === null ? null : event.costNano.toString(),
  priceSource: event.priceSource,
  estimated: event.tokensEstimated,
});

/** Sums the usage of a call that took several provider requests (tool steps, retries that answered). */
export function combine(events: UsageEvent[]): UsageSummary {
  if (events.length === 1) return summarize(events[0]);
  const last = events[events.length - 1];
  const sum = (pick: (e: UsageEvent) => number) => events.reduce((total, e) => total + pick(e), 0);
  const unpriced = events.some((e) => e.costNano === null);
  const cost = events.reduce((total, e) => total + (e.costNano ?? 0n), 0n);
  const exact = events.reduce(
    (total, e) => total + (e.costNano === null ? 0n : toFemto(e.costNano, e.costRemainderFemto)),
    0n
  );
  return {
    requestId: last.requestId,
    inputTokens: sum((e) => e.inputTokens),
    outputTokens: sum((e) => e.outputTokens),
    cacheReadTokens: sum((e) => e.cacheReadTokens),
    cacheWriteTokens: sum((e) => e.cacheWriteTokens),
    reasoningTokens: sum((e) => e.reasoningTokens),
    units: sum((e) => e.units),
    costUsd: unpriced ? null : formatFemtoUsd(exact),
    costNano: unpriced ? null : cost.toString(),
    priceSource: unpriced
      ? 'none'
      : events.some((e) => e.priceSource === 'catalogue')
        ? 'catalogue'
        : 'model',
    estimated: events.some((e) => e.tokensEstimated),
  };
}
