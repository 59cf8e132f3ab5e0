import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetAnalytics, GetMyAnalytics } from '../../../shared/contracts/analytics';
import { toCsv } from '../analytics/csv';
import { getService } from '../utils/get-service';
import { validateExportQuery } from './validation/usage';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const analytics = () => getService(strapi, 'analytics');
  const mine = (ctx: Context) => ({ userId: ctx.state.user.id as number });

  async function exportDocument(ctx: Context, scope: { userId?: number }) {
    const { format } = await validateExportQuery(ctx.query);
    const doc = await analytics().document(ctx.query.range, scope);
    const name = `llm-usage-${doc.range.key}-${doc.range.to.replace(/[^0-9-]/g, '')}`;
    ctx.set('Content-Disposition', `attachment; filename="${name}.${format}"`);
    if (format === 'json') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(doc, null, 2);
    } else {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.body = toCsv(doc);
    }
  }

  return {
    // GET /llm/analytics
    async get(ctx: Context) {
      const body: GetAnalytics.Response = { data: await analytics().document(ctx.query.range) };
      ctx.body = body;
    },
    // GET /llm/analytics/export
    exportAll: (ctx: Context) => exportDocument(ctx, {}),
    // GET /llm/me/analytics
    async getMine(ctx: Context) {
      const body: GetMyAnalytics.Response = {
        data: await analytics().document(ctx.query.range, mine(ctx)),
      };
      ctx.body = body;
    },
    // GET /llm/me/analytics/export
    exportMine: (ctx: Context) => exportDocument(ctx, mine(ctx)),
  };
};
