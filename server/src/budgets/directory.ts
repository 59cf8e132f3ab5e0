import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import type { BudgetRecord } from './limits';

/** How long the active budgets and a user's roles are reused before they are read again. */
const CACHE_MS = 10_000;

/**
 * Which budgets apply to a call: the active budgets and each user's roles, cached for a few seconds
 * (every call asks), and invalidated whenever a budget is written on this instance.
 */
export function createBudgetDirectory(strapi: Core.Strapi) {
  let budgets: { at: number; list: BudgetRecord[] } | null = null;
  const roles = new Map<number, { at: number; ids: number[] }>();

  async function activeBudgets(): Promise<BudgetRecord[]> {
    if (budgets && Date.now() - budgets.at < CACHE_MS) return budgets.list;
    try {
      const list = (await strapi.db
        .query(UID.budget)
        .findMany({ where: { active: true } })) as BudgetRecord[];
      budgets = { at: Date.now(), list };
      return list;
    } catch (error) {
      // The database is away: a site without budgets keeps working on what it knew. With budgets,
      // the reservation that follows needs the database and refuses the call.
      if (!budgets) throw error;
      strapi.log.warn(
        `llm: could not refresh budgets, using the list from ${Math.round((Date.now() - budgets.at) / 1000)} s ago: ${(error as Error).message}`
      );
      return budgets.list;
    }
  }

  async function rolesOf(userId: number): Promise<number[]> {
    const hit = roles.get(userId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.ids;
    const user = await strapi.db
      .query('admin::user')
      .findOne({ where: { id: userId }, populate: ['roles'] });
    const ids = ((user?.roles ?? []) as Array<{ id: number }>).map((role) => role.id);
    roles.set(userId, { at: Date.now(), ids });
    return ids;
  }

  return {
    /** The budgets that apply to a user (null: a call without one), each with its counter's subject. */
    async applicable(
      userId: number | null
    ): Promise<Array<{ budget: BudgetRecord; subjectId: number }>> {
      const list = await activeBudgets();
      if (list.length === 0) return [];
      const userRoles =
        userId === null || !list.some((b) => b.scope === 'role') ? [] : await rolesOf(userId);
      return list.flatMap((budget) => {
        if (budget.scope === 'site') return [{ budget, subjectId: 0 }];
        if (userId === null) return [];
        if (budget.scope === 'user' && budget.userId === userId)
          return [{ budget, subjectId: userId }];
        if (budget.scope === 'role' && budget.roleId != null && userRoles.includes(budget.roleId))
          return [{ budget, subjectId: userId }];
        return [];
      });
    },
    invalidate() {
      budgets = null;
      roles.clear();
    },
  };
}
