import type { Core } from '@strapi/strapi';
import type { AnalyticsDocument } from '../../../shared/contracts/analytics';
import { createAggregator } from '../analytics/aggregate';
import { createAnalyticsDocument } from '../analytics/document';
import { parseRangeKey } from '../analytics/range';
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
    /** `range` is whatever the URL said: unknown values fall back to 30 days. */
    async document(range: unknown, scope: { userId?: number } = {}): Promise<AnalyticsDocument> {
      return documents().build(
        parseRangeKey(range),
        getService(strapi, 'clock').now(),
        pluginConfig(strapi).timeZone,
        scope
      );
    },
    invalidateLabels: () => builder?.invalidateLabels(),
    /** Tests pin "now" to check range edges (the plugin's one clock: calls and budgets move with it). */
    setClock(clock: (() => Date) | null) {
      getService(strapi, 'clock').set(clock);
    },
  };
};
