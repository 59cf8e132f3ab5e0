import type { ResponseCacheRow } from '../../../shared/contracts/analytics';
import { formatNanoUsd } from '../pricing/money';
import type { Group } from './aggregate';
import { n } from './sums';

/**
 * The response cache per configuration: requests, hits (answered without a provider, cost 0),
 * hit rate and what the hits saved (their original calls' cost). Only configurations with a hit.
 */
export function responseCacheRows(
  byConfiguration: Group[],
  labelOf: (key: string) => string
): ResponseCacheRow[] {
  return byConfiguration
    .filter((g) => g.sums.cacheHits > 0n)
    .sort((a, b) =>
      a.sums.savedNano === b.sums.savedNano
        ? Number(b.sums.cacheHits - a.sums.cacheHits)
        : b.sums.savedNano > a.sums.savedNano
          ? 1
          : -1
    )
    .map((g) => {
      const key = String(g.configurationId);
      return {
        key,
        label: labelOf(key),
        requests: n(g.sums.requests),
        hits: n(g.sums.cacheHits),
        hitRate: n(g.sums.cacheHits) / n(g.sums.requests),
        savedUsd: formatNanoUsd(g.sums.savedNano),
      };
    });
}
