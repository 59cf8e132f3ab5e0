import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { UID } from '../content-types/schemas';
import { recordId } from '../db/record-id';
import { adminName } from '../utils/admin-user';
import { getService } from '../utils/get-service';
import type {
  CreateBudget,
  DeleteBudget,
  GetMyBudget,
  ListBudgets,
  UpdateBudget,
} from '../../../shared/contracts/budgets';

const idParam = (ctx: Context): number | null => recordId(ctx.params.id);

const named = (rows: unknown) =>
  (rows as Array<{ id: number; name: string }>).map((r) => ({ id: r.id, name: r.name }));

/**
 * What the budget form chooses from: users, roles, configurations and API tokens, by name. An API
 * token is read by id and name only: its key never leaves the database.
 */
export async function formMeta(strapi: Core.Strapi): Promise<ListBudgets.Response['meta']> {
  const [users, roles, configurations, apiTokens] = await Promise.all([
    strapi.db
      .query('admin::user')
      .findMany({ select: ['id', 'firstname', 'lastname', 'email'], orderBy: { id: 'asc' } }),
    strapi.db.query('admin::role').findMany({ select: ['id', 'name'], orderBy: { id: 'asc' } }),
    strapi.db
      .query(UID.configuration)
      .findMany({ select: ['id', 'name'], orderBy: { name: 'asc' } }),
    strapi.db
      .query('admin::api-token')
      .findMany({ select: ['id', 'name'], orderBy: { name: 'asc' } }),
  ]);
  return {
    timeZone: strapi.config.get('plugin::llm.timeZone') ?? 'UTC',
    users: (
      users as Array<{ id: number; email: string; firstname?: string; lastname?: string }>
    ).map((u) => ({ id: u.id, email: u.email, name: adminName(u) })),
    roles: named(roles),
    configurations: named(configurations),
    apiTokens: named(apiTokens),
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const budgets = () => getService(strapi, 'budget');

  return {
    // GET /llm/budgets
    async list(ctx: Context) {
      const body: ListBudgets.Response = {
        data: await budgets().list(),
        meta: await formMeta(strapi),
      };
      ctx.body = body;
    },

    // POST /llm/budgets
    async create(ctx: Context) {
      const body: CreateBudget.Response = {
        data: await budgets().create((ctx.request as { body?: unknown }).body),
      };
      ctx.status = 201;
      ctx.body = body;
    },

    // PUT /llm/budgets/:id
    async update(ctx: Context) {
      const id = idParam(ctx);
      const updated =
        id === null ? null : await budgets().update(id, (ctx.request as { body?: unknown }).body);
      if (!updated) throw new errors.NotFoundError(`No LLM budget ${ctx.params.id}`);
      const body: UpdateBudget.Response = { data: updated };
      ctx.body = body;
    },

    // DELETE /llm/budgets/:id
    async remove(ctx: Context) {
      const id = idParam(ctx);
      if (id === null || !(await budgets().remove(id)))
        throw new errors.NotFoundError(`No LLM budget ${ctx.params.id}`);
      const body: DeleteBudget.Response = { data: { id } };
      ctx.body = body;
    },

    // GET /llm/me/budget
    async mine(ctx: Context) {
      const body: GetMyBudget.Response = {
        data: await budgets().forUser(ctx.state.user.id as number),
      };
      ctx.body = body;
    },
  };
};
