import type { CallStatus } from '../../../shared/analytics-query';
import type { UsageEvent } from './event';

/**
 * The usage metrics, written once: what the rollups sum per event, what analytics reads back, and
 * the same figure as SQL over raw usage rows (the hourly range and an entry's usage read raw rows).
 */

/**
 * The error codes of calls a control refused before any provider was asked: a budget, a rate
 * limit, an allow-list, an open circuit. Constants, so SQL may spell them inline.
 */
export const REFUSED_CODES = [
  'budget_exceeded',
  'rate_limit_exceeded',
  'not_allowed',
  'circuit_open',
] as const;
/** The allow-list's refusal: its status is `denied` (the others are `blocked`). */
export const DENIED = 'not_allowed';

/** A refused attempt is no request: it is counted as blocked, never as a call, a failure or spend. */
export const isBlocked = (event: Pick<UsageEvent, 'errorCode'>) =>
  (REFUSED_CODES as readonly (string | null)[]).includes(event.errorCode);

/** SQL: the error-code expression `column` is one of the refused codes. */
export const refusedSql = (column: string) =>
  `${column} IN (${REFUSED_CODES.map((code) => `'${code}'`).join(', ')})`;

/** A call's status: refused by an allow-list, by another control, or asked a provider. */
export function callStatusOf(success: unknown, errorCode: unknown): CallStatus {
  if (errorCode === DENIED) return 'denied';
  if (isBlocked({ errorCode: (errorCode as string | null) ?? null })) return 'blocked';
  return success === true || success === 1 || success === '1' ? 'success' : 'failure';
}

/**
 * Each status as a condition on raw usage rows (`col` resolves attributes), with its bindings:
 * the filters of Analytics, the request log and the Performance panel read statuses the same way.
 */
export function statusSql(
  col: (attribute: string) => string,
  status: CallStatus
): { sql: string; bindings: boolean[] } {
  const code = col('errorCode');
  const notRefused = `(${code} IS NULL OR NOT ${refusedSql(code)})`;
  if (status === 'denied') return { sql: `${code} = '${DENIED}'`, bindings: [] };
  if (status === 'blocked')
    return { sql: `(${refusedSql(code)} AND ${code} <> '${DENIED}')`, bindings: [] };
  return { sql: `(${col('success')} = ? AND ${notRefused})`, bindings: [status === 'success'] };
}

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
  'cacheHits',
  'savedNano',
] as const;
export type RollupSum = (typeof ROLLUP_SUMS)[number];

/** The money sums: bigint from the event to the database, never a float. */
export const MONEY_SUMS = [
  'costNano',
  'costRemainderFemto',
  'failedCostNano',
  'failedCostRemainderFemto',
  'cacheSavingsNano',
  'savedNano',
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
  cacheHits: 'cacheHits',
  savedNano: 'savedNano',
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
  const blocked = refusedSql(col('errorCode'));
  // A refused attempt adds nothing but its count, whatever its row holds (as addEvent returns early).
  const ofCalls = (sql: string) => `SUM(CASE WHEN ${blocked} THEN 0 ELSE ${sql} END)`;
  const failedCost = (attribute: string) =>
    ofCalls(`CASE WHEN ${col('success')} THEN 0 ELSE COALESCE(${col(attribute)}, 0) END`);
  return {
    requests: `SUM(CASE WHEN ${blocked} THEN 0 ELSE 1 END)`,
    failures: `SUM(CASE WHEN ${col('success')} OR ${blocked} THEN 0 ELSE 1 END)`,
    blocked: `SUM(CASE WHEN ${blocked} THEN 1 ELSE 0 END)`,
    unpricedRequests: ofCalls(
      `CASE WHEN ${col('success')} AND ${col('costNano')} IS NULL THEN 1 ELSE 0 END`
    ),
    inputTokens: ofCalls(col('inputTokens')),
    outputTokens: ofCalls(col('outputTokens')),
    cacheReadTokens: ofCalls(col('cacheReadTokens')),
    cacheWriteTokens: ofCalls(col('cacheWriteTokens')),
    units: ofCalls(`COALESCE(${col('units')}, 0)`),
    costNano: ofCalls(`COALESCE(${col('costNano')}, 0)`),
    costRemainderFemto: ofCalls(`COALESCE(${col('costRemainderFemto')}, 0)`),
    failedCostNano: failedCost('costNano'),
    failedCostRemainderFemto: failedCost('costRemainderFemto'),
    cacheSavingsNano: ofCalls(`COALESCE(${col('cacheSavingsNano')}, 0)`),
    latencyMsSum: `SUM(CASE WHEN ${blocked} THEN 0 ELSE ${col('latencyMs')} END)`,
    cacheHits: ofCalls(`CASE WHEN ${col('cacheHit')} THEN 1 ELSE 0 END`),
    savedNano: ofCalls(`COALESCE(${col('savedNano')}, 0)`),
  };
}

/** Raw usage rows that are calls (a provider was asked): excludes attempts a control refused. */
export const callsOnly = (column: (attribute: string) => string) =>
  `(${column('errorCode')} IS NULL OR NOT ${refusedSql(column('errorCode'))})`;
