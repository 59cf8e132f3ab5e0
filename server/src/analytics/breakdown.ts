import type { BreakdownRow } from '../../../shared/contracts/analytics';
import type { Group } from './aggregate';
import { byCostThenRequests, femtoOf, n, tokensOf, usd, used } from './sums';

/**
 * One breakdown table: a row per member with usage, most expensive first. `withBlocked` counts the
 * attempts a budget refused in `requests` (the error-code table, where `budget_exceeded` is a row);
 * `keepUnused` keeps members without any (the roles table).
 */
export function breakdown(
  groups: Group[],
  keyOf: (g: Group) => string,
  labelOf: (key: string) => string,
  options: { withBlocked?: boolean; keepUnused?: boolean } = {}
): BreakdownRow[] {
  const requestsOf = (g: Group) => g.sums.requests + (options.withBlocked ? g.sums.blocked : 0n);
  return groups
    .filter((g) => options.keepUnused || requestsOf(g) > 0n || used(g.sums))
    .map((g) => ({
      key: keyOf(g),
      label: labelOf(keyOf(g)),
      requests: n(requestsOf(g)),
      tokens: n(tokensOf(g.sums)),
      costUsd: usd(g.sums),
      unpricedRequests: n(g.sums.unpricedRequests),
      femto: femtoOf(g.sums),
    }))
    .sort(byCostThenRequests)
    .map(({ femto: _femto, ...row }) => row);
}
