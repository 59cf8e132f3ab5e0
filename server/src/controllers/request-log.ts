import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { GetRequestLog, GetRequestLogEntry } from '../../../shared/contracts/request-log';
import { pluginConfig } from '../plugin-config';
import { getService } from '../utils/get-service';
import { validateLogId, validateLogQuery } from './validation/request-log';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const log = () => getService(strapi, 'request-log');
  const validQuery = (ctx: Context) =>
    validateLogQuery(ctx.query, getService(strapi, 'clock').now(), pluginConfig(strapi).timeZone);

  return {
    // GET /llm/requests (plugin::llm.analytics.read)
    async list(ctx: Context) {
      const { cursor, limit, ...query } = await validQuery(ctx);
      const body: GetRequestLog.Response = { data: await log().page(query, cursor, limit) };
      ctx.body = body;
    },

    // GET /llm/requests/:id (plugin::llm.analytics.read)
    async get(ctx: Context) {
      const detail = await log().detail(await validateLogId(ctx.params));
      if (!detail) throw new errors.NotFoundError('There is no usage row with this id');
      const body: GetRequestLogEntry.Response = { data: detail };
      ctx.body = body;
    },

    // GET /llm/requests/export (plugin::llm.analytics.read): the whole filtered log, streamed.
    async exportCsv(ctx: Context) {
      const { cursor: _cursor, limit: _limit, ...query } = await validQuery(ctx);
      const stamp = getService(strapi, 'clock').now().toISOString().slice(0, 10);
      ctx.set('Content-Disposition', `attachment; filename="llm-requests-${stamp}.csv"`);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.body = await log().csv(query);
    },
  };
};
