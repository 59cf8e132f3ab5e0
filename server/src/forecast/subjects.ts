import type { Core } from '@strapi/strapi';
import { adminName, type NamedAdmin } from '../utils/admin-user';

/** The admin users in each role (a role budget counts for each of them). */
export async function membersOf(
  strapi: Core.Strapi,
  roleIds: number[]
): Promise<Map<number, number[]>> {
  const members = new Map<number, number[]>(roleIds.map((id) => [id, []]));
  if (roleIds.length === 0) return members;
  const users = (await strapi.db.query('admin::user').findMany({
    where: { roles: { id: { $in: roleIds } } },
    select: ['id'],
    populate: { roles: { select: ['id'] } },
  })) as Array<{ id: number; roles?: Array<{ id: number }> }>;
  for (const user of users)
    for (const role of user.roles ?? []) members.get(role.id)?.push(user.id);
  return members;
}

/** Display names of users and roles. */
export async function namesOf(strapi: Core.Strapi, userIds: number[], roleIds: number[]) {
  const [users, roles] = await Promise.all([
    userIds.length === 0
      ? []
      : (strapi.db.query('admin::user').findMany({
          where: { id: { $in: [...new Set(userIds)] } },
          select: ['id', 'firstname', 'lastname', 'email'],
        }) as Promise<Array<NamedAdmin & { id: number }>>),
    roleIds.length === 0
      ? []
      : (strapi.db.query('admin::role').findMany({
          where: { id: { $in: roleIds } },
          select: ['id', 'name'],
        }) as Promise<Array<{ id: number; name: string }>>),
  ]);
  return {
    users: new Map(users.map((u) => [u.id, adminName(u)])),
    roles: new Map(roles.map((r) => [r.id, r.name])),
  };
}
