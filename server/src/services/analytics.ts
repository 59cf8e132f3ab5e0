import type { Core } from '@strapi/strapi';
import type { AnalyticsDocument } from '../../../shared/contracts/analytics';
import { createAggregator } from '../analytics/aggregate';
import { createAnalyticsDocument } from '../analytics/document';
import { resolvePeriod } from '../analytics/period';
import type { Filters } from '../../../shared/analytics-query';
import { pluginConfig } from '../plugin-config';
import { getService } from '../utils/get-service';

/** `strapi.plugin('llm').service('analytics')`: the Analytics page's document, for everyone or one user. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let builder: ReturnType<typeof createAnalyticsDocument> | null = null;
  const documents = () =>
    (builder ??= createAnalyticsDocument(strapi, createAggregator(strapi), (users) =>
      getService(strapi, 'budget').monthlyBars(users)
    ));

  return {
    /**
     * The document of a query: its period (`range`, or `from`+`to`; a bad one falls back to 30 days
     * with a note) and its filters, already validated (controllers/validation/analytics.ts).
     */
    async document(
      query: Record<string, unknown>,
      filters: Filters = {},
      scope: { userId?: number } = {}
    ): Promise<AnalyticsDocument> {
      return documents().build(
        { query, filters, scope },
        getService(strapi, 'clock').now(),
        pluginConfig(strapi).timeZone
      );
    },
    /** A query's period as every analytics view resolves it (the request log, the performance panel). */
    period(query: Record<string, unknown>) {
      return resolvePeriod(query, getService(strapi, 'clock').now(), pluginConfig(strapi).timeZone);
    },
    invalidateLabels: () => builder?.invalidateLabels(),
    /** Tests pin "now" to check range edges (the plugin's one clock: calls and budgets move with it). */
    setClock(clock: (() => Date) | null) {
      getService(strapi, 'clock').set(clock);
    },
  };
};
