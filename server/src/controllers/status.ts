import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetStatus } from '../../../shared/contracts/status';
import { PLUGIN_ID } from '../../../shared/plugin-id';
import { version } from '../version';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  // GET /llm/status
  async get(ctx: Context) {
    const body: GetStatus.Response = {
      data: {
        plugin: PLUGIN_ID,
        version,
        database: strapi.db.dialect.client as GetStatus.Response['data']['database'],
        timeZone: strapi.config.get(`plugin::${PLUGIN_ID}.timeZone`) as string,
      },
    };
    ctx.body = body;
  },
});
