import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetBudgetForecast, GetForecast } from '../../../shared/contracts/forecast';
import { getService } from '../utils/get-service';
import { validateForecastQuery } from './validation/forecast';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  // GET /llm/analytics/forecast (plugin::llm.analytics.read)
  async get(ctx: Context) {
    await validateForecastQuery(ctx.query);
    const body: GetForecast.Response = { data: await getService(strapi, 'forecast').get() };
    ctx.body = body;
  },

  // GET /llm/budgets/forecast (plugin::llm.budgets.manage): the run-outs, for the Budgets page.
  async budgets(ctx: Context) {
    await validateForecastQuery(ctx.query);
    const { method, trailingDays, today, monthEnd, budgets } = await getService(
      strapi,
      'forecast'
    ).get();
    const body: GetBudgetForecast.Response = {
      data: { method, trailingDays, today, monthEnd, budgets },
    };
    ctx.body = body;
  },
});
