import type { Core } from '@strapi/strapi';
import type { CallStatus } from '../../../shared/analytics-query';
import type { LogRef, RequestLogRow } from '../../../shared/contracts/request-log';
import { createLookups } from '../analytics/lookups';
import type { AdminUser } from '../analytics/user-rows';
import { UID } from '../content-types/schemas';
import type { Table } from '../db/tables';
import { formatFemtoUsd, toFemto } from '../pricing/money';
import { adminName } from '../utils/admin-user';
import { callStatusOf } from '../usage/metrics';

export type Row = Record<string, unknown>;

/** The usage attributes a log row shows (the detail reads every column). */
export const LIST_ATTRIBUTES = [
  'id',
  'requestId',
  'occurredAt',
  'providerId',
  'modelId',
  'modelKey',
  'configurationId',
  'taskId',
  'service',
  'source',
  'userId',
  'apiTokenId',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'units',
  'unitKind',
  'costNano',
  'costRemainderFemto',
  'success',
  'errorCode',
  'latencyMs',
  'ttftMs',
  'streamed',
  'entryUid',
  'entryDocumentId',
  'entryLocale',
  'fallbackFromConfigurationId',
  'attemptOf',
] as const;

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export const statusOf: (success: unknown, errorCode: unknown) => CallStatus = callStatusOf;

/** Exact decimal USD of a stored cost; null when the call was not priced (never "$0"). */
export const usdOf = (nano: unknown, remainder: unknown): string | null =>
  nano === null || nano === undefined
    ? null
    : formatFemtoUsd(toFemto(BigInt(String(nano)), BigInt(Number(remainder ?? 0))));

/**
 * Names for the ids of a page of rows: one query per kind of record (and none when the names are
 * still in the lookup cache), never one per row.
 */
export function createRowNamer(strapi: Core.Strapi, usage: Table) {
  const lookups = createLookups(strapi);
  const col = usage.column;

  return async function nameRows(rows: Row[]): Promise<RequestLogRow[]> {
    const ids = (attribute: string) =>
      rows.map((row) => num(row[col(attribute)])).filter((id): id is number => id !== null);
    const [providers, models, configurations, tasks, tokens, admins] = await Promise.all([
      lookups.names(UID.provider, ids('providerId'), 'name'),
      lookups.names(UID.model, ids('modelId'), 'displayName'),
      lookups.names(
        UID.configuration,
        [...ids('configurationId'), ...ids('fallbackFromConfigurationId')],
        'name'
      ),
      lookups.names(UID.task, ids('taskId'), 'name'),
      lookups.names('admin::api-token', ids('apiTokenId'), 'name'),
      lookups.admins([...new Set(ids('userId'))]),
    ]);
    const names = { providers, models, configurations, tasks, tokens, admins };
    return rows.map((row) => toLogRow(row, col, names));
  };
}

interface Names {
  providers: Map<number, string>;
  models: Map<number, string>;
  configurations: Map<number, string>;
  tasks: Map<number, string>;
  tokens: Map<number, string>;
  admins: AdminUser[];
}

const ref = (names: Map<number, string>, value: unknown): LogRef | null => {
  const id = num(value);
  return id === null ? null : { id, name: names.get(id) ?? null };
};

/** One stored row as the log shows it, named with the names looked up for its page. */
function toLogRow(row: Row, col: (attribute: string) => string, names: Names): RequestLogRow {
  const { providers, models, configurations, tasks, tokens, admins } = names;
  const v = (attribute: string) => row[col(attribute)];
  const userId = num(v('userId'));
  const admin = userId === null ? undefined : admins.find((a) => a.id === userId);
  const entryUid = v('entryUid') as string | null;
  return {
    id: Number(v('id')),
    requestId: String(v('requestId')),
    attemptOf: (v('attemptOf') as string | null) ?? null,
    occurredAt: new Date(v('occurredAt') as string).toISOString(),
    provider: ref(providers, v('providerId')),
    model: ref(models, v('modelId')),
    modelKey: (v('modelKey') as string | null) ?? null,
    configuration: ref(configurations, v('configurationId')),
    task: ref(tasks, v('taskId')),
    service: v('service') as RequestLogRow['service'],
    source: (v('source') as string | null) ?? null,
    user:
      userId === null
        ? null
        : { id: userId, name: admin ? adminName(admin) : null, email: admin?.email ?? null },
    apiToken: ref(tokens, v('apiTokenId')),
    status: statusOf(v('success'), v('errorCode')),
    errorCode: (v('errorCode') as string | null) ?? null,
    inputTokens: Number(v('inputTokens') ?? 0),
    outputTokens: Number(v('outputTokens') ?? 0),
    cacheReadTokens: Number(v('cacheReadTokens') ?? 0),
    cacheWriteTokens: Number(v('cacheWriteTokens') ?? 0),
    units: Number(v('units') ?? 0),
    unitKind: (v('unitKind') as RequestLogRow['unitKind']) ?? null,
    costUsd: usdOf(v('costNano'), v('costRemainderFemto')),
    latencyMs: num(v('latencyMs')),
    ttftMs: num(v('ttftMs')),
    streamed: Boolean(v('streamed')),
    entry: entryUid
      ? {
          uid: entryUid,
          documentId: String(v('entryDocumentId')),
          locale: (v('entryLocale') as string | null) ?? null,
        }
      : null,
    fallbackFrom: ref(configurations, v('fallbackFromConfigurationId')),
  };
}
