import type { Knex } from 'knex';
import type { LogAttempt, RequestLogRow } from '../../../shared/contracts/request-log';
import { groupAttempts, RETRIED_CODES, RETRY_WINDOW_MS } from '../../../shared/call-attempts';
import type { Table } from '../db/tables';
import { REFUSED_CODES } from '../usage/metrics';
import type { Row } from './rows';

/** Failures the gateway serves from a fallback configuration (gateway/generation.ts fallbackFor). */
const FALLBACK_CODES = new Set([...RETRIED_CODES, 'provider_malformed_response', ...REFUSED_CODES]);
/** At most this many neighbours are read around a row: a call has a handful of attempts. */
const NEIGHBOURS = 50;

/** Whether `newer` tried `older` (a failure) again: the same configuration, or its fallback. */
function followedBy(older: RequestLogRow, newer: RequestLogRow): boolean {
  const code = older.errorCode ?? '';
  const sameConfiguration =
    older.configuration?.id === newer.configuration?.id && older.model?.id === newer.model?.id;
  if (sameConfiguration && RETRIED_CODES.has(code)) return true;
  return (
    FALLBACK_CODES.has(code) &&
    newer.fallbackFrom !== null &&
    newer.fallbackFrom.id === older.configuration?.id
  );
}

/**
 * The rows that may be attempts of the same logical call as `row`: the same caller (user, API
 * token), task, service and entry, within the retry window either side. Nothing else ties the
 * attempts together (each is a usage row with its own request id), so two identical calls made
 * moments apart by the same caller can read as one call and its retry.
 */
export function neighbourQuery(knex: Knex, usage: Table, row: Row) {
  const col = usage.column;
  const at = new Date(row[col('occurredAt')] as string).getTime();
  const query = knex(usage.name)
    .where(col('occurredAt'), '>=', new Date(at - RETRY_WINDOW_MS))
    .andWhere(col('occurredAt'), '<=', new Date(at + RETRY_WINDOW_MS))
    .andWhere(col('service'), row[col('service')] as string);
  for (const attribute of ['userId', 'apiTokenId', 'taskId', 'entryUid', 'entryDocumentId']) {
    const value = row[col(attribute)];
    if (value === null || value === undefined) query.whereNull(col(attribute));
    else query.andWhere(col(attribute), value as string);
  }
  return query.orderBy(col('occurredAt'), 'desc').orderBy(col('id'), 'desc').limit(NEIGHBOURS);
}

/** The attempts of the logical call `id` belongs to, oldest first, each saying what it was. */
export function attemptsOf(id: number, neighbours: RequestLogRow[]): LogAttempt[] {
  const toCheck = neighbours.map((row) => ({ ...row, success: row.status === 'success' }));
  const group = groupAttempts(toCheck, followedBy).find(
    (g) => g.call.id === id || g.retries.some((r) => r.id === id)
  );
  const chain = group ? [...group.retries].reverse().concat(group.call) : [];
  return chain.map((row, i) => ({
    id: row.id,
    requestId: row.requestId,
    occurredAt: row.occurredAt,
    status: row.status,
    errorCode: row.errorCode,
    configuration: row.configuration,
    model: row.model,
    costUsd: row.costUsd,
    latencyMs: row.latencyMs,
    kind:
      i === 0
        ? 'first'
        : row.fallbackFrom !== null && row.fallbackFrom.id === chain[i - 1].configuration?.id
          ? 'fallback'
          : 'retry',
  }));
}
