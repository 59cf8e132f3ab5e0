import type { UsageEvent } from './event';

/**
 * The usage metrics, written once: what the rollups sum per event, what analytics reads back, and
 * the same figure as SQL over raw usage rows (the hourly range and an entry's usage read raw rows).
 */

/** The one error code that means "a budget refused the call": no provider was asked. */
export const BLOCKED = 'budget_exceeded';

/** A refused attempt is no request: it is counted as blocked, never as a call, a failure or spend. */
export const isBlocked = (event: Pick<UsageEvent, 'errorCode'>) => event.errorCode === BLOCKED;

/** What each rollup row sums (the columns of `plugin::llm.usage-rollup`). */
export const ROLLUP_SUMS = [
  'requests',
  'failures',
  'blockedRequests',
  'unpricedRequests',
  'streamedRequests',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'units',
  'costNano',
  'costRemainderFemto',
  'failedCostNano',
  'failedCostRemainderFemto',
  'cacheSavingsNano',
  'latencyMsSum',
] as const;
export type RollupSum = (typeof ROLLUP_SUMS)[number];

/** The money sums: bigint from the event to the database, never a float. */
export const MONEY_SUMS = [
  'costNano',
  'costRemainderFemto',
  'failedCostNano',
  'failedCostRemainderFemto',
  'cacheSavingsNano',
] as const satisfies readonly RollupSum[];
export type MoneySum = (typeof MONEY_SUMS)[number];

/** The metrics analytics reads, each the rollup sum it comes from. */
export const METRIC_SOURCE = {
  requests: 'requests',
  failures: 'failures',
  blocked: 'blockedRequests',
  unpricedRequests: 'unpricedRequests',
  inputTokens: 'inputTokens',
  outputTokens: 'outputTokens',
  cacheReadTokens: 'cacheReadTokens',
  cacheWriteTokens: 'cacheWriteTokens',
  units: 'units',
  costNano: 'costNano',
  costRemainderFemto: 'costRemainderFemto',
  failedCostNano: 'failedCostNano',
  failedCostRemainderFemto: 'failedCostRemainderFemto',
  cacheSavingsNano: 'cacheSavingsNano',
  latencyMsSum: 'latencyMsSum',
} as const satisfies Record<string, RollupSum>;
export type Metric = keyof typeof METRIC_SOURCE;
export const METRICS = Object.keys(METRIC_SOURCE) as Metric[];

/** Exact sums of one group: every value comes back from SQL as text and is read as a bigint. */
export type Sums = Record<Metric, bigint>;

/** Each metric as an SQL aggregate over rollup rows. `column` resolves rollup attributes. */
export const rollupMetricSql = (column: (attribute: string) => string): Record<Metric, string> =>
  Object.fromEntries(
    METRICS.map((metric) => [metric, `SUM(${column(METRIC_SOURCE[metric])})`])
  ) as Record<Metric, string>;

/**
 * Each metric as an SQL aggregate over raw usage rows, folding exactly as the rollups do
 * (usage/rollups.ts `addEvent`). `col` resolves usage attributes.
 */
export function eventMetricSql(col: (attribute: string) => string): Record<Metric, string> {
  const blocked = `${col('errorCode')} = '${BLOCKED}'`;
  const failedCost = (attribute: string) =>
    `SUM(CASE WHEN ${col('success')} THEN 0 ELSE COALESCE(${col(attribute)}, 0) END)`;
  return {
    requests: `SUM(CASE WHEN ${blocked} THEN 0 ELSE 1 END)`,
    failures: `SUM(CASE WHEN ${col('success')} OR ${blocked} THEN 0 ELSE 1 END)`,
    blocked: `SUM(CASE WHEN ${blocked} THEN 1 ELSE 0 END)`,
    unpricedRequests: `SUM(CASE WHEN ${col('success')} AND ${col('costNano')} IS NULL THEN 1 ELSE 0 END)`,
    inputTokens: `SUM(${col('inputTokens')})`,
    outputTokens: `SUM(${col('outputTokens')})`,
    cacheReadTokens: `SUM(${col('cacheReadTokens')})`,
    cacheWriteTokens: `SUM(${col('cacheWriteTokens')})`,
    units: `SUM(COALESCE(${col('units')}, 0))`,
    costNano: `SUM(COALESCE(${col('costNano')}, 0))`,
    costRemainderFemto: `SUM(COALESCE(${col('costRemainderFemto')}, 0))`,
    failedCostNano: failedCost('costNano'),
    failedCostRemainderFemto: failedCost('costRemainderFemto'),
    cacheSavingsNano: `SUM(COALESCE(${col('cacheSavingsNano')}, 0))`,
    latencyMsSum: `SUM(CASE WHEN ${blocked} THEN 0 ELSE ${col('latencyMs')} END)`,
  };
}

/** Raw usage rows that are calls (a provider was asked): excludes attempts a budget refused. */
export const callsOnly = (column: (attribute: string) => string) =>
  `(${column('errorCode')} IS NULL OR ${column('errorCode')} <> '${BLOCKED}')`;
