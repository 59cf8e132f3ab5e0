import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import type { BudgetRecord } from './limits';
import { createRoleCache } from '../utils/admin-roles';
import { createTimedCache } from '../utils/timed-cache';

/** How long the active budgets and a user's roles are reused before they are read again. */
const CACHE_MS = 10_000;

/**
 * Which budgets apply to a call: the active budgets and each user's roles, cached for a few seconds
 * (every call asks), and invalidated whenever a budget is written on this instance.
 */
export function createBudgetDirectory(strapi: Core.Strapi) {
  const roles = createRoleCache(strapi, CACHE_MS);
  // The database is away: a site without budgets keeps working on what it knew. With budgets, the
  // reservation that follows needs the database and refuses the call.
  const budgets = createTimedCache(
    CACHE_MS,
    async () =>
      (await strapi.db.query(UID.budget).findMany({ where: { active: true } })) as BudgetRecord[],
    (error, ageMs) =>
      strapi.log.warn(
        `llm: could not refresh budgets, using the list from ${Math.round(ageMs / 1000)} s ago: ${error.message}`
      )
  );

  return {
    /**
     * The budgets that apply to a call by a user and/or with an API token (null: none), each with
     * its counter's subject: the user (user and role budgets), the token (token budgets), 0 (site).
     */
    async applicable(
      userId: number | null,
      apiTokenId: number | null = null
    ): Promise<Array<{ budget: BudgetRecord; subjectId: number }>> {
      const list = await budgets.get();
      if (list.length === 0) return [];
      const userRoles =
        userId === null || !list.some((b) => b.scope === 'role') ? [] : await roles.rolesOf(userId);
      return list.flatMap((budget) => {
        if (budget.scope === 'site') return [{ budget, subjectId: 0 }];
        if (budget.scope === 'apiToken')
          return apiTokenId !== null && budget.apiTokenId === apiTokenId
            ? [{ budget, subjectId: apiTokenId }]
            : [];
        if (userId === null) return [];
        if (budget.scope === 'user' && budget.userId === userId)
          return [{ budget, subjectId: userId }];
        if (budget.scope === 'role' && budget.roleId != null && userRoles.includes(budget.roleId))
          return [{ budget, subjectId: userId }];
        return [];
      });
    },
    invalidate() {
      budgets.clear();
      roles.clear();
    },
  };
}
