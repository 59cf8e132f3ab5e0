import type { UsageEvent } from './event';
import { isBlocked, MONEY_SUMS, ROLLUP_SUMS, type MoneySum, type RollupSum } from './metrics';

/**
 * The sums of the events sharing one combination while a batch is folded: plain integers for
 * counts and tokens (one batch stays far below 2^53), bigint for money throughout.
 */
export interface ComboSums {
  counts: number[];
  money: Record<MoneySum, bigint>;
}

const COUNTED = ROLLUP_SUMS.filter(
  (s): s is Exclude<RollupSum, MoneySum> => !(MONEY_SUMS as readonly string[]).includes(s)
);
/** Where each counted (non-money) sum sits in ComboSums.counts. */
const AT = Object.fromEntries(COUNTED.map((s, i) => [s, i])) as Record<
  Exclude<RollupSum, MoneySum>,
  number
>;

export const emptyComboSums = (): ComboSums => ({
  counts: new Array(COUNTED.length).fill(0),
  money: Object.fromEntries(MONEY_SUMS.map((s) => [s, 0n])) as Record<MoneySum, bigint>,
});

/** Adds one event to a combination's sums, as every rollup counts it. */
export function addEvent(into: ComboSums, event: UsageEvent) {
  const counts = into.counts;
  // A call a budget refused reached no provider: it is counted as blocked, not as a request.
  if (isBlocked(event)) {
    counts[AT.blockedRequests] += 1;
    return;
  }
  counts[AT.requests] += 1;
  if (!event.success) counts[AT.failures] += 1;
  if (event.success && event.costNano === null) counts[AT.unpricedRequests] += 1;
  if (event.streamed) counts[AT.streamedRequests] += 1;
  counts[AT.inputTokens] += event.inputTokens;
  counts[AT.outputTokens] += event.outputTokens;
  counts[AT.cacheReadTokens] += event.cacheReadTokens;
  counts[AT.cacheWriteTokens] += event.cacheWriteTokens;
  counts[AT.reasoningTokens] += event.reasoningTokens;
  counts[AT.units] += event.units;
  counts[AT.latencyMsSum] += event.latencyMs;
  // A cache hit served a request (counted above) with no provider tokens and cost 0; it saved savedNano.
  if (event.cacheHit) counts[AT.cacheHits] += 1;
  const money = into.money;
  if (event.costNano !== null) {
    const remainder = BigInt(event.costRemainderFemto ?? 0);
    money.costNano += event.costNano;
    money.costRemainderFemto += remainder;
    if (!event.success) {
      money.failedCostNano += event.costNano;
      money.failedCostRemainderFemto += remainder;
    }
  }
  money.cacheSavingsNano += event.cacheSavingsNano ?? 0n;
  money.savedNano += event.savedNano ?? 0n;
}

/** Adds a combination's sums to a stored row's (bigint) sums. */
export function addComboSums(into: Record<RollupSum, bigint>, sums: ComboSums) {
  for (const [i, s] of COUNTED.entries()) into[s] += BigInt(sums.counts[i]);
  for (const s of MONEY_SUMS) into[s] += sums.money[s];
}

export const zeroRollupSums = () =>
  Object.fromEntries(ROLLUP_SUMS.map((s) => [s, 0n])) as Record<RollupSum, bigint>;
