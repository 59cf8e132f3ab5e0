import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { UID } from '../../../content-types';
import { recordId } from '../db/record-id';
import { mayRead, readableIds } from '../entries/access';
import {
  USAGE_COLUMN_KINDS,
  type GetUsageColumns,
  type UsageColumnKind,
} from '../../../shared/contracts/usage-columns';

const MAX_IDS = 500;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  // GET /llm/usage-columns/:kind?ids=1,2,3
  async get(ctx: Context) {
    const kind = ctx.params.kind as UsageColumnKind;
    if (!USAGE_COLUMN_KINDS.includes(kind))
      return ctx.notFound(`No usage columns for "${ctx.params.kind}"`);
    // Whoever may read the content type in the Content Manager may read its usage; nobody else.
    if (!mayRead(ctx, UID[kind])) return ctx.forbidden(`You may not read ${UID[kind]}`);

    const raw = typeof ctx.query.ids === 'string' ? ctx.query.ids : '';
    const ids = raw === '' ? [] : raw.split(',');
    if (ids.length > MAX_IDS || ids.some((id) => !/^\d{1,10}$/.test(id))) {
      return ctx.badRequest(`ids must be up to ${MAX_IDS} comma-separated record ids`);
    }
    // An id past what the database stores names no record: it simply has no figures.
    const valid = ids.map(recordId).filter((id): id is number => id !== null);
    // Figures only for records the caller may read (conditions included); the others look like records without usage.
    const readable = await readableIds(strapi, ctx, UID[kind], valid);
    const body: GetUsageColumns.Response = await strapi
      .plugin('llm')
      .service('usage-columns')
      .figures(kind, readable);
    ctx.body = body;
  },
});
