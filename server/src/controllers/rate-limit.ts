import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { recordId } from '../db/record-id';
import { getService } from '../utils/get-service';
import type {
  CreateRateLimit,
  DeleteRateLimit,
  ListRateLimits,
  UpdateRateLimit,
} from '../../../shared/contracts/rate-limits';
import { formMeta } from './budget';

const idParam = (ctx: Context): number | null => recordId(ctx.params.id);
const bodyOf = (ctx: Context) => (ctx.request as { body?: unknown }).body;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const limits = () => getService(strapi, 'rate-limit');

  return {
    // GET /llm/rate-limits
    async list(ctx: Context) {
      const { timeZone: _zone, ...meta } = await formMeta(strapi);
      const body: ListRateLimits.Response = { data: await limits().list(), meta };
      ctx.body = body;
    },

    // POST /llm/rate-limits
    async create(ctx: Context) {
      const body: CreateRateLimit.Response = { data: await limits().create(bodyOf(ctx)) };
      ctx.status = 201;
      ctx.body = body;
    },

    // PUT /llm/rate-limits/:id
    async update(ctx: Context) {
      const id = idParam(ctx);
      const updated = id === null ? null : await limits().update(id, bodyOf(ctx));
      if (!updated) throw new errors.NotFoundError(`No LLM rate limit ${ctx.params.id}`);
      const body: UpdateRateLimit.Response = { data: updated };
      ctx.body = body;
    },

    // DELETE /llm/rate-limits/:id
    async remove(ctx: Context) {
      const id = idParam(ctx);
      if (id === null || !(await limits().remove(id)))
        throw new errors.NotFoundError(`No LLM rate limit ${ctx.params.id}`);
      const body: DeleteRateLimit.Response = { data: { id } };
      ctx.body = body;
    },
  };
};
