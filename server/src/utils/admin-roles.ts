import type { Core } from '@strapi/strapi';

/**
 * Each admin user's role ids, read once per `ttlMs`: every call a control checks may need them
 * (role budgets, role rate limits, role allow-lists), and a role change on another instance shows
 * within the time the controls already take to see each other's writes.
 */
export function createRoleCache(strapi: Core.Strapi, ttlMs: number) {
  const roles = new Map<number, { at: number; ids: number[] }>();
  return {
    async rolesOf(userId: number): Promise<number[]> {
      const hit = roles.get(userId);
      if (hit && Date.now() - hit.at < ttlMs) return hit.ids;
      const user = await strapi.db
        .query('admin::user')
        .findOne({ where: { id: userId }, populate: ['roles'] });
      const ids = ((user?.roles ?? []) as Array<{ id: number }>).map((role) => role.id);
      roles.set(userId, { at: Date.now(), ids });
      return ids;
    },
    clear: () => roles.clear(),
  };
}
