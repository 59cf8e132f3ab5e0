import type { BreakdownRow } from '../../../shared/contracts/analytics';
import type { Group } from './aggregate';
import { byCostThenRequests, femtoOf, n, tokensOf, usd, used } from './sums';

/** One breakdown table: a row per member with usage, most expensive first. */
export function breakdown(
  groups: Group[],
  keyOf: (g: Group) => string,
  labelOf: (key: string) => string
): BreakdownRow[] {
  return groups
    .filter((g) => used(g.sums))
    .map((g) => ({
      key: keyOf(g),
      label: labelOf(keyOf(g)),
      requests: n(g.sums.requests),
      tokens: n(tokensOf(g.sums)),
      costUsd: usd(g.sums),
      unpricedRequests: n(g.sums.unpricedRequests),
      femto: femtoOf(g.sums),
    }))
    .sort(byCostThenRequests)
    .map(({ femto: _femto, ...row }) => row);
}
