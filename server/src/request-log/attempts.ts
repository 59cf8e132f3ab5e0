import type { Knex } from 'knex';
import type { LogAttempt, RequestLogRow } from '../../../shared/contracts/request-log';
import type { Table } from '../db/tables';
import type { Row } from './rows';

/** At most this many attempts are read for one call: retries and hops are bounded far below it. */
const MAX_ATTEMPTS = 50;

/**
 * Every attempt of the logical call `row` belongs to, oldest first: its first attempt (whose request
 * id the others carry in `attemptOf`) and every row naming it. Exact: the gateway links attempts
 * when it makes them (gateway/prepare.ts, generation.ts fallbackOptions), nothing is inferred.
 */
export function attemptsQuery(knex: Knex, usage: Table, row: Row) {
  const col = usage.column;
  const callId = String(row[col('attemptOf')] ?? row[col('requestId')]);
  return knex(usage.name)
    .where(col('requestId'), callId)
    .orWhere(col('attemptOf'), callId)
    .orderBy(col('occurredAt'), 'asc')
    .orderBy(col('id'), 'asc')
    .limit(MAX_ATTEMPTS);
}

/** How an attempt relates to the one before it. */
function kindOf(attempt: RequestLogRow, before: RequestLogRow | undefined): LogAttempt['kind'] {
  if (!before) return 'first';
  if (attempt.configuration?.id !== before.configuration?.id) return 'fallback';
  // The same configuration again: after a failure it is a retry, after a success a tool step.
  return before.status === 'success' ? 'step' : 'retry';
}

/** The attempts (named rows, oldest first) as the detail drawer lists them. */
export const attemptsOf = (chain: RequestLogRow[]): LogAttempt[] =>
  chain.map((row, i) => ({
    id: row.id,
    requestId: row.requestId,
    occurredAt: row.occurredAt,
    status: row.status,
    errorCode: row.errorCode,
    configuration: row.configuration,
    model: row.model,
    costUsd: row.costUsd,
    latencyMs: row.latencyMs,
    kind: kindOf(row, chain[i - 1]),
  }));
