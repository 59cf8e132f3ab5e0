import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetPerformance } from '../../../shared/contracts/performance';
import { getService } from '../utils/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  // GET /llm/analytics/performance — the service validates the period and filters (400 naming them).
  async get(ctx: Context) {
    const body: GetPerformance.Response = {
      data: await getService(strapi, 'performance').document(ctx.query),
    };
    ctx.body = body;
  },
});
