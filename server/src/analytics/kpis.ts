import type { Kpis, LatencyFigures } from '../../../shared/contracts/analytics';
import { divRound, formatNanoUsd, toFemto } from '../pricing/money';
import { percentiles } from '../usage/latency';
import type { Sums } from '../usage/metrics';
import type { LatencyHistograms } from './aggregate';
import { femtoOf, n, tokensOf, usd } from './sums';

/** Latency percentiles of one histogram (or of several merged). */
export function latencyOf(histograms: Array<Map<number | null, bigint>>): LatencyFigures {
  const merged = new Map<number | null, bigint>();
  for (const histogram of histograms)
    for (const [bound, calls] of histogram) merged.set(bound, (merged.get(bound) ?? 0n) + calls);
  return percentiles(merged);
}

/** The KPIs of a range, each as `shared/contracts/analytics.ts` defines it. */
export function kpisOf(
  total: Sums,
  latency: LatencyHistograms,
  counts: { providers: number; models: number; activeUsers: number }
): Kpis {
  const pricedRequests = total.requests - total.failures - total.unpricedRequests;
  const successfulFemto =
    femtoOf(total) - toFemto(total.failedCostNano, total.failedCostRemainderFemto);
  return {
    costUsd: usd(total),
    requests: n(total.requests),
    tokens: n(tokensOf(total)),
    inputTokens: n(total.inputTokens),
    outputTokens: n(total.outputTokens),
    cacheReadTokens: n(total.cacheReadTokens),
    cacheWriteTokens: n(total.cacheWriteTokens),
    ...counts,
    pricedRequests: n(pricedRequests),
    avgCostPerPricedRequestUsd:
      pricedRequests <= 0n
        ? null
        : formatNanoUsd(divRound(successfulFemto, pricedRequests * 1_000_000n)),
    cachedInputShare:
      total.inputTokens === 0n ? null : n(total.cacheReadTokens) / n(total.inputTokens),
    cacheSavingsUsd: formatNanoUsd(total.cacheSavingsNano),
    failureRate: total.requests === 0n ? null : n(total.failures) / n(total.requests),
    latency: latencyOf([...latency.values()]),
    unpricedRequests: n(total.unpricedRequests),
    blocked: n(total.blocked),
    responseCacheHits: n(total.cacheHits),
    responseCacheHitRate: total.requests === 0n ? null : n(total.cacheHits) / n(total.requests),
    responseCacheSavedUsd: formatNanoUsd(total.savedNano),
  };
}
