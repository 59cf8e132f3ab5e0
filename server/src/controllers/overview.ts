import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetOverview } from '../../../shared/contracts/overview';
import { getService } from '../utils/get-service';
import { validateOverviewQuery } from './validation/overview';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  // GET /llm/overview (plugin::llm.analytics.read)
  async get(ctx: Context) {
    await validateOverviewQuery(ctx.query);
    const body: GetOverview.Response = { data: await getService(strapi, 'overview').get() };
    ctx.body = body;
  },
});
