import type { Core } from '@strapi/strapi';
import type { FilterKey, Filters } from '../../../shared/analytics-query';
import type { ActiveFilter } from '../../../shared/contracts/analytics';
import { UID } from '../content-types/schemas';
import { adminName } from '../utils/admin-user';
import type { EventFilters } from './event-filters';
import type { createLookups } from './lookups';

type Lookups = ReturnType<typeof createLookups>;

/** The record each id filter names, and the field its chip shows. */
const NAMED: Partial<Record<FilterKey, { uid: string; field: string }>> = {
  provider: { uid: UID.provider, field: 'name' },
  model: { uid: UID.model, field: 'displayName' },
  configuration: { uid: UID.configuration, field: 'name' },
  task: { uid: UID.task, field: 'name' },
};

/** Admin roles with their current members' ids (the role filter, the roles table). */
export async function rolesWithMembers(
  strapi: Core.Strapi,
  roleIds?: number[]
): Promise<Array<{ id: number; name: string; userIds: number[] }>> {
  const roles = (await strapi.db.query('admin::role').findMany({
    ...(roleIds ? { where: { id: { $in: roleIds } } } : {}),
    select: ['id', 'name'],
    populate: { users: { select: ['id'] } },
  })) as Array<{ id: number; name: string; users?: Array<{ id: number }> }>;
  return roles.map((role) => ({
    id: role.id,
    name: role.name,
    userIds: (role.users ?? []).map((user) => user.id),
  }));
}

/** The filters as raw usage rows are narrowed: roles become the ids of their current members. */
export async function eventFiltersOf(strapi: Core.Strapi, filters: Filters): Promise<EventFilters> {
  const { role, ...rest } = filters;
  if (!role?.length) return { filters: rest };
  const roles = await rolesWithMembers(strapi, role.map(Number));
  return { filters: rest, roleUsers: [...new Set(roles.flatMap((r) => r.userIds))] };
}

/**
 * The chips of the filters in force: each value with the name of what it is (ids resolved to names;
 * an API token by its name only, never its key). A record deleted since keeps its id as its name.
 */
export async function activeFilters(
  strapi: Core.Strapi,
  lookups: Lookups,
  filters: Filters
): Promise<ActiveFilter[]> {
  const out: ActiveFilter[] = [];
  for (const [key, values] of Object.entries(filters) as Array<[FilterKey, string[]]>) {
    const labels = await labelsOf(strapi, lookups, key, values);
    for (const value of values) out.push({ key, value, label: labels.get(value) ?? value });
  }
  return out;
}

async function labelsOf(
  strapi: Core.Strapi,
  lookups: Lookups,
  key: FilterKey,
  values: string[]
): Promise<Map<string, string>> {
  const ids = values.map(Number);
  const byId = (rows: Map<number, string>, kind: string) =>
    new Map(values.map((v) => [v, rows.get(Number(v)) ?? `${kind} #${v}`]));
  const named = NAMED[key];
  if (named) return byId(await lookups.names(named.uid, ids, named.field), key);
  switch (key) {
    case 'user': {
      const admins = await lookups.admins(ids);
      const names = new Map(admins.map((a) => [a.id, adminName(a)]));
      names.set(0, 'system');
      return byId(names, 'user');
    }
    case 'role':
      return byId(new Map((await rolesWithMembers(strapi, ids)).map((r) => [r.id, r.name])), key);
    case 'apiToken':
      return byId(await apiTokenNames(strapi, ids), 'API token');
    case 'contentType':
      return new Map(values.map((v) => [v, lookups.contentTypeName(v)]));
    case 'source':
      return new Map(values.map((v) => [v, v || '(none)']));
    default:
      // service and status are shown as they are.
      return new Map(values.map((v) => [v, v]));
  }
}

/** API tokens' names by id: the name only, the key is never read. */
export async function apiTokenNames(strapi: Core.Strapi, ids: number[]) {
  const wanted = [...new Set(ids.filter((id) => id > 0))];
  if (wanted.length === 0) return new Map<number, string>();
  const rows = (await strapi.db
    .query('admin::api-token')
    .findMany({ where: { id: { $in: wanted } }, select: ['id', 'name'] })) as Array<{
    id: number;
    name: string;
  }>;
  return new Map(rows.map((row) => [row.id, row.name]));
}
