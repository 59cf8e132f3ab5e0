import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetAnalytics, GetMyAnalytics } from '../../../shared/contracts/analytics';
import { toCsv } from '../analytics/csv';
import { getService } from '../utils/get-service';
import { validateAnalyticsFilters } from './validation/analytics';
import { validateExportQuery } from './validation/usage';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const analytics = () => getService(strapi, 'analytics');
  const mine = (ctx: Context) => ({ userId: ctx.state.user.id as number });
  /** The document of the request's period and filters, for everyone or the signed-in user. */
  const documentOf = (ctx: Context, scope: { userId?: number }) =>
    analytics().document(
      ctx.query,
      validateAnalyticsFilters(ctx.query, { mine: scope.userId !== undefined }),
      scope
    );

  async function exportDocument(ctx: Context, scope: { userId?: number }) {
    const { format } = await validateExportQuery({ format: ctx.query.format });
    const doc = await documentOf(ctx, scope);
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
      const body: GetAnalytics.Response = { data: await documentOf(ctx, {}) };
      ctx.body = body;
    },
    // GET /llm/analytics/export
    exportAll: (ctx: Context) => exportDocument(ctx, {}),
    // GET /llm/me/analytics
    async getMine(ctx: Context) {
      const body: GetMyAnalytics.Response = {
        data: await documentOf(ctx, mine(ctx)),
      };
      ctx.body = body;
    },
    // GET /llm/me/analytics/export
    exportMine: (ctx: Context) => exportDocument(ctx, mine(ctx)),
  };
};
