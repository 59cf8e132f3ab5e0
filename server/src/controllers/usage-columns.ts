import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { UID } from '../content-types/schemas';
import type { GetUsageColumns, UsageColumnKind } from '../../../shared/contracts/usage-columns';
import { recordId } from '../db/record-id';
import { readableIds } from '../policies/content-access';
import { getService } from '../utils/get-service';
import { validateUsageColumnsQuery } from './validation/usage';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  // GET /llm/usage-columns/:kind?ids=1,2,3 (plugin::llm.may-read-kind: whoever may read the type)
  async get(ctx: Context) {
    const kind = ctx.params.kind as UsageColumnKind;
    const { ids } = await validateUsageColumnsQuery(ctx.query);
    // An id past what the database stores names no record: it simply has no figures.
    const valid = ids.map(recordId).filter((id): id is number => id !== null);
    // Figures only for records the caller may read (conditions included); the others look like records without usage.
    const readable = await readableIds(strapi, ctx, UID[kind], valid);
    const body: GetUsageColumns.Response = await getService(strapi, 'usage-columns').figures(
      kind,
      readable
    );
    ctx.body = body;
  },
});
