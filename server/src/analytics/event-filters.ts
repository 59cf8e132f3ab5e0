import type { Knex } from 'knex';
import type { CallStatus, FilterKey, Filters } from '../../../shared/analytics-query';
import { statusSql } from '../usage/metrics';

/**
 * The filters of an analytics view as they narrow raw usage rows. `role` arrives already resolved
 * to the ids of the users currently in those roles (`roleUsers`): a role filter is "calls by the
 * role's members", so a user who left the role leaves its figures too.
 */
export interface EventFilters {
  filters: Filters<Exclude<FilterKey, 'role'>>;
  /** Users of the filtered roles (empty: the roles have no members, so nothing matches). */
  roleUsers?: number[];
}

export const hasEventFilters = (match: EventFilters | undefined): match is EventFilters =>
  !!match &&
  (match.roleUsers !== undefined || Object.values(match.filters).some((v) => v && v.length > 0));

/**
 * Adds the filters to a query over raw usage rows: values of one key OR-ed (IN), keys AND-ed.
 * "None" is stored as NULL and filtered as 0 / '' (user 0 = the system, source '' = none).
 */
export function applyEventFilters(
  query: Knex.QueryBuilder,
  match: EventFilters,
  u: (attribute: string) => string
) {
  const inList = (sql: string, values: Array<string | number>) => {
    const list = values.length ? values : [-1];
    query.whereRaw(`${sql} IN (${list.map(() => '?').join(', ')})`, list);
  };
  const ids = (values: string[]) => values.map(Number);
  const idColumns: Partial<Record<FilterKey, string>> = {
    provider: 'providerId',
    model: 'modelId',
    configuration: 'configurationId',
    task: 'taskId',
    user: 'userId',
    apiToken: 'apiTokenId',
  };
  const { filters } = match;
  // The bare column unless "none" (0) is asked for: an index on it can then narrow the scan.
  const idList = (attribute: string, values: number[]) =>
    inList(values.includes(0) ? `COALESCE(${u(attribute)}, 0)` : u(attribute), values);
  for (const [key, attribute] of Object.entries(idColumns)) {
    const values = filters[key as Exclude<FilterKey, 'role'>];
    if (values?.length) idList(attribute, ids(values));
  }
  if (match.roleUsers !== undefined) idList('userId', match.roleUsers);
  if (filters.service?.length) inList(u('service'), filters.service);
  if (filters.source?.length) inList(`COALESCE(${u('source')}, '')`, filters.source);
  if (filters.contentType?.length) inList(`COALESCE(${u('entryUid')}, '')`, filters.contentType);
  if (filters.status?.length) {
    query.where((q) => {
      for (const status of filters.status!) {
        const { sql, bindings } = statusSql(u, status as CallStatus);
        q.orWhereRaw(sql, bindings);
      }
    });
  }
}

/**
 * How a view with these filters is read. Rollups are kept per user, so a view filtered by users
 * and roles only reads them (`userIds`: whose rows); any other key reads the daily combinations
 * (usage/cube.ts).
 */
export type ReadPlan = { from: 'rollups'; userIds?: number[] } | { from: 'cube' };

export function readPlan(match: EventFilters | undefined): ReadPlan {
  if (!hasEventFilters(match)) return { from: 'rollups' };
  const { user, ...others } = match.filters;
  if (Object.values(others).some((values) => values && values.length > 0)) return { from: 'cube' };
  const users = user?.map(Number);
  // A user filter and a role filter together: the listed users who are in the roles.
  const userIds =
    users && match.roleUsers
      ? users.filter((id) => match.roleUsers!.includes(id))
      : (users ?? match.roleUsers);
  return { from: 'rollups', userIds };
}
