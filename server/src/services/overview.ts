import type { Core } from '@strapi/strapi';
import type { Overview } from '../../../shared/contracts/overview';
import { createAggregator, type Aggregator } from '../analytics/aggregate';
import { windowKeys } from '../budgets/limits';
import { alertsThisMonth, providerHealth } from '../overview/health';
import { spendFigures } from '../overview/spend';
import { parseUsd } from '../pricing/money';
import { pluginConfig } from '../plugin-config';
import { getService } from '../utils/get-service';

/** `strapi.plugin('llm').service('overview')`: the site-wide figures of the Overview page and widget. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let aggregator: Aggregator | null = null;

  /** The tightest active site budget with a monthly cost limit, read from its counter (one truth). */
  async function siteBudget(): Promise<Overview['siteBudget']> {
    // Only the site's active budgets: the Overview and the homepage widget load this on every visit.
    const budgets = await getService(strapi, 'budget').list({ scope: 'site', active: true });
    const candidates = budgets
      .filter((b) => b.monthlyCost)
      .map((b) => ({ b, month: b.usage.find((u) => u.window === 'month') }))
      .filter((c) => c.month?.cost.limit)
      .sort((x, y) => Number(parseUsd(x.month!.cost.limit)! - parseUsd(y.month!.cost.limit)!));
    if (candidates.length === 0) return null;
    const { b, month } = candidates[0];
    const used = parseUsd(month!.cost.used)!;
    const limit = parseUsd(month!.cost.limit)!;
    return {
      id: b.id,
      name: b.name,
      used: month!.cost.used,
      limit: month!.cost.limit!,
      percent: limit > 0n ? Number((used * 1000n) / limit) / 10 : 0,
    };
  }

  return {
    async get(): Promise<Overview> {
      const timeZone = pluginConfig(strapi).timeZone;
      const now = getService(strapi, 'clock').now();
      const period = windowKeys(now, timeZone);
      aggregator ??= createAggregator(strapi);
      const [figures, budget, alerts, providers] = await Promise.all([
        spendFigures(strapi, aggregator, period.day, timeZone),
        siteBudget(),
        alertsThisMonth(strapi, period),
        providerHealth(strapi, now),
      ]);
      return {
        timeZone,
        today: period.day,
        month: period.month,
        ...figures,
        siteBudget: budget,
        alerts,
        providers,
      };
    },
  };
};
