import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type {
  DeleteAccessRule,
  ListAccessRules,
  PutAccessRule,
} from '../../../shared/contracts/access-rules';
import { getService } from '../utils/get-service';
import { subjectOf } from './validation/access-rules';

/** The allow-lists' admin routes: the service validates (app code calling it is checked the same way). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const access = () => getService(strapi, 'access');

  return {
    // GET /llm/access-rules
    async list(ctx: Context) {
      const body: ListAccessRules.Response = await access().list();
      ctx.body = body;
    },

    // PUT /llm/access-rules/:subjectKind/:subjectId
    async put(ctx: Context) {
      const { subjectKind, subjectId } = ctx.params;
      const body: PutAccessRule.Response = {
        data: await access().put(subjectKind, subjectId, (ctx.request as { body?: unknown }).body),
      };
      ctx.body = body;
    },

    // DELETE /llm/access-rules/:subjectKind/:subjectId
    async remove(ctx: Context) {
      const subject = subjectOf(ctx.params.subjectKind, ctx.params.subjectId);
      if (!(await access().remove(subject.kind, subject.id)))
        throw new errors.NotFoundError(`No access rule for ${subject.kind} ${subject.id}`);
      const body: DeleteAccessRule.Response = {
        data: { subjectKind: subject.kind, subjectId: subject.id },
      };
      ctx.body = body;
    },
  };
};
