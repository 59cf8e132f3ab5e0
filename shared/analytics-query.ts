import { RANGE_KEYS, type RangeKey } from './contracts/analytics';
import { SERVICE_TYPES } from './services';

/**
 * What an analytics view is asked for, as the URL says it: a period (a named range, or an
 * inclusive from–to of local dates) and filters. One parser for the admin (reading its own URL)
 * and the server (validating the request), so a shared link means the same on both sides.
 *
 * Filters are repeatable and combine as the dashboards users know do: values of one key are OR-ed
 * (`?model=3&model=5`), keys are AND-ed (`?model=3&status=failure`).
 */

/** The filters of the Analytics page, My usage and the exports. */
export const FILTER_KEYS = [
  'provider',
  'model',
  'configuration',
  'task',
  'user',
  'role',
  'apiToken',
  'source',
  'contentType',
  'service',
  'status',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The request log also narrows by error code, by one content entry and by metadata tag. */
export const LOG_FILTER_KEYS = [...FILTER_KEYS, 'errorCode', 'entry', 'tag'] as const;
export type LogFilterKey = (typeof LOG_FILTER_KEYS)[number];

/**
 * A call succeeded, failed at the provider, or was refused before any provider was called: by a
 * budget or a rate limit (blocked) or by an allow-list (denied).
 */
export const CALL_STATUSES = ['success', 'failure', 'blocked', 'denied'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export type Filters<K extends string = FilterKey> = Partial<Record<K, string[]>>;

/** Keys whose values are record ids (`user=0` is the system: calls without an admin user). */
const ID_KEYS: ReadonlySet<string> = new Set([
  'provider',
  'model',
  'configuration',
  'task',
  'user',
  'role',
  'apiToken',
]);
/** At most this many values per key: a filter is something a person clicks, not a list of ids. */
export const MAX_FILTER_VALUES = 20;
const TEXT = /^[\p{L}\p{N} ._:/@|-]{1,100}$/u;
const CONTENT_TYPE = /^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+$/;
const ENTRY = /^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+\|[A-Za-z0-9_-]{1,64}$/;

/** Whether a value is one this key can hold; the reason when it is not. */
export function filterValueProblem(key: LogFilterKey, value: string): string | null {
  if (ID_KEYS.has(key))
    return /^\d{1,10}$/.test(value) && Number(value) < 2 ** 31
      ? null
      : `${key} must be a record id${key === 'user' ? ' (0 for the system)' : ''}`;
  switch (key) {
    case 'service':
      return (SERVICE_TYPES as readonly string[]).includes(value)
        ? null
        : `service must be one of ${SERVICE_TYPES.join(', ')}`;
    case 'status':
      return (CALL_STATUSES as readonly string[]).includes(value)
        ? null
        : `status must be one of ${CALL_STATUSES.join(', ')}`;
    case 'contentType':
      return CONTENT_TYPE.test(value) ? null : 'contentType must be a content type uid';
    case 'entry':
      return ENTRY.test(value) ? null : 'entry must be <content type uid>|<documentId>';
    default:
      // source, errorCode, tag: free text of a safe shape ('' is "none" for source).
      return value === '' || TEXT.test(value) ? null : `${key} must be up to 100 letters or digits`;
  }
}

/** A query-string value as Koa/qs or URLSearchParams give it: one string, several, or none. */
const valuesOf = (raw: unknown): string[] =>
  raw === undefined || raw === null
    ? []
    : Array.isArray(raw)
      ? raw.map(String)
      : typeof raw === 'object'
        ? Object.values(raw as Record<string, unknown>).map(String) // qs: model[0]=3
        : [String(raw)];

/**
 * The filters of a query object, validated. Unknown keys are not filters (range, from, to, cursor…
 * belong to others); a bad value is a problem, reported rather than ignored, so a view never shows
 * unfiltered figures under a filter's name.
 */
export function parseFilters<K extends LogFilterKey>(
  query: Record<string, unknown>,
  keys: readonly K[]
): { filters: Filters<K>; problems: string[] } {
  const filters: Filters<K> = {};
  const problems: string[] = [];
  for (const key of keys) {
    const values = [...new Set(valuesOf(query[key]))];
    if (values.length === 0) continue;
    if (values.length > MAX_FILTER_VALUES) {
      problems.push(`${key} takes at most ${MAX_FILTER_VALUES} values`);
      continue;
    }
    const problem = values.map((v) => filterValueProblem(key, v)).find(Boolean);
    if (problem) problems.push(problem);
    else filters[key] = values;
  }
  return { filters, problems };
}

/** How many filter keys are set (the storage path a view reads depends on it). */
export const filterCount = (filters: Filters<string>) =>
  Object.values(filters).filter((values) => values && values.length > 0).length;

/** A period as asked: a named range, or a from–to of local dates ('YYYY-MM-DD', both inclusive). */
export interface PeriodQuery {
  range?: RangeKey;
  from?: string;
  to?: string;
}

/** The period part of a query object (not validated beyond its shape: the server resolves it). */
export function periodOf(query: Record<string, unknown>): PeriodQuery {
  const one = (raw: unknown) => (typeof raw === 'string' ? raw : undefined);
  const from = one(query.from);
  const to = one(query.to);
  if (from !== undefined || to !== undefined) return { from, to };
  const range = one(query.range);
  return RANGE_KEYS.includes(range as RangeKey) ? { range: range as RangeKey } : {};
}

/** The query string of a period and filters, in a stable order (cache keys, links, exports). */
export function toSearchParams(
  period: PeriodQuery,
  filters: Filters<string> = {},
  extra: Record<string, string | undefined> = {}
): URLSearchParams {
  const params = new URLSearchParams();
  if (period.from !== undefined || period.to !== undefined) {
    if (period.from) params.set('from', period.from);
    if (period.to) params.set('to', period.to);
  } else if (period.range) params.set('range', period.range);
  for (const key of Object.keys(filters).sort())
    for (const value of [...(filters[key] ?? [])].sort()) params.append(key, value);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, value);
  return params;
}

/** URLSearchParams → the plain object parseFilters/periodOf read (repeated keys become arrays). */
export function searchParamsToQuery(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}
