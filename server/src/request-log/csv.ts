import { Readable } from 'node:stream';
import type { RequestLogRow } from '../../../shared/contracts/request-log';
import { neutralize } from '../analytics/csv';
import type { Cursor } from './cursor';
import type { Row } from './rows';

/** Rows read per query while exporting: few enough to stay small in memory, many enough to be quick. */
export const EXPORT_CHUNK = 2000;

const cell = (value: unknown): string => {
  const text = neutralize(value === null || value === undefined ? '' : String(value));
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The export's columns: a header and how each reads a log row. */
const COLUMNS: Array<[string, (row: RequestLogRow) => unknown]> = [
  ['id', (r) => r.id],
  ['request_id', (r) => r.requestId],
  ['occurred_at', (r) => r.occurredAt],
  ['status', (r) => r.status],
  ['error_code', (r) => r.errorCode],
  ['provider', (r) => r.provider?.name ?? r.provider?.id],
  ['model', (r) => r.model?.name ?? r.modelKey],
  ['configuration', (r) => r.configuration?.name ?? r.configuration?.id],
  ['task', (r) => r.task?.name ?? r.task?.id],
  ['service', (r) => r.service],
  ['source', (r) => r.source],
  ['user', (r) => (r.user ? (r.user.name ?? `user #${r.user.id}`) : 'system')],
  ['user_email', (r) => r.user?.email],
  ['api_token', (r) => r.apiToken?.name ?? r.apiToken?.id],
  ['input_tokens', (r) => r.inputTokens],
  ['output_tokens', (r) => r.outputTokens],
  ['cache_read_tokens', (r) => r.cacheReadTokens],
  ['cache_write_tokens', (r) => r.cacheWriteTokens],
  ['units', (r) => r.units],
  ['unit_kind', (r) => r.unitKind],
  // Empty for an unpriced call: not $0.
  ['cost_usd', (r) => r.costUsd],
  ['latency_ms', (r) => r.latencyMs],
  ['ttft_ms', (r) => r.ttftMs],
  ['streamed', (r) => r.streamed],
  ['entry_uid', (r) => r.entry?.uid],
  ['entry_document_id', (r) => r.entry?.documentId],
  ['entry_locale', (r) => r.entry?.locale],
  ['fallback_from_configuration', (r) => r.fallbackFrom?.name ?? r.fallbackFrom?.id],
];

const line = (cells: unknown[]) => `${cells.map(cell).join(',')}\r\n`;

/**
 * The log as CSV, streamed: one keyset page of EXPORT_CHUNK rows at a time, named and written
 * before the next is read, so memory stays flat whatever the size of the log. The stream pulls:
 * a slow client slows the reads down instead of filling the server's memory.
 */
export function csvStream(
  read: (cursor: Cursor | null, limit: number) => Promise<{ rows: Row[]; next: Cursor | null }>,
  nameRows: (rows: Row[]) => Promise<RequestLogRow[]>
): Readable {
  async function* lines() {
    yield line(COLUMNS.map(([header]) => header));
    let cursor: Cursor | null = null;
    do {
      const { rows, next } = await read(cursor, EXPORT_CHUNK);
      const named = await nameRows(rows);
      yield named.map((row) => line(COLUMNS.map(([, value]) => value(row)))).join('');
      cursor = next;
    } while (cursor);
  }
  return Readable.from(lines());
}
