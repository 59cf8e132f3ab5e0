import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { CallStatus, FilterKey, Filters } from '../../../shared/analytics-query';
import { statusSql } from '../usage/metrics';

/** A raw usage row's value for each filter key: "none" is stored as NULL, asked for as 0 or ''. */
const COLUMN_OF: Record<Exclude<FilterKey, 'role' | 'status'>, [string, 0 | '']> = {
  provider: ['providerId', 0],
  model: ['modelId', 0],
  configuration: ['configurationId', 0],
  task: ['taskId', 0],
  user: ['userId', 0],
  apiToken: ['apiTokenId', 0],
  source: ['source', ''],
  contentType: ['entryUid', ''],
  service: ['service', ''],
};

/**
 * The admin users currently in the filtered roles (a role filter means today's members, as on the
 * Analytics page); null without a role filter.
 */
export async function roleMembers(strapi: Core.Strapi, filters: Filters): Promise<number[] | null> {
  const roleIds = filters.role ?? [];
  if (roleIds.length === 0) return null;
  const users = (await strapi.db.query('admin::user').findMany({
    where: { roles: { id: { $in: roleIds.map(Number) } } },
    select: ['id'],
  })) as Array<{ id: number }>;
  return users.map((user) => user.id);
}

const inList = (query: Knex.QueryBuilder, expression: string, values: Array<string | number>) =>
  query.whereRaw(
    `${expression} IN (${values.map(() => '?').join(', ')})`,
    values.length ? values : [-1]
  );

/**
 * Narrows a query over raw usage rows to the filters: values of one key OR-ed, keys AND-ed
 * (shared/analytics-query.ts). `col` resolves usage attributes to columns; `members` is what
 * roleMembers answered (looked up first: a query builder must not be awaited before it is whole).
 */
export function whereFilters(
  query: Knex.QueryBuilder,
  filters: Filters,
  col: (attribute: string) => string,
  members: number[] | null
): void {
  for (const [key, [attribute, none]] of Object.entries(COLUMN_OF)) {
    const values = filters[key as FilterKey];
    if (!values?.length) continue;
    const numeric = none === 0;
    const expression = `COALESCE(${col(attribute)}, ${numeric ? '0' : "''"})`;
    inList(query, expression, numeric ? values.map(Number) : values);
  }
  if (members) inList(query, col('userId'), members);
  if (filters.status?.length) {
    const parts = filters.status.map((status) => statusSql(col, status as CallStatus));
    query.whereRaw(
      `(${parts.map((part) => part.sql).join(' OR ')})`,
      parts.flatMap((part) => part.bindings)
    );
  }
}
