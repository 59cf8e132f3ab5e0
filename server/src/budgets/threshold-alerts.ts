import type { Alerts } from './alerts';
import type { Counters } from './counters';
import type { HeldCounter } from './held-counter';
import { thresholdsOf, type BudgetMetric, type BudgetWindow } from './limits';
import { formatAmount, fullness, valueOf, type PeriodUse } from './use';

/** A refusal: 100 % of that window and metric, whatever the counter shows. */
export interface Wall {
  window: BudgetWindow;
  metric: BudgetMetric;
}

/** Who a counter counts for, as an alert names it: a user, an API token, or neither (the site). */
const subjectOfAlert = ({ counter }: HeldCounter) => ({
  userId: counter.apiToken || counter.subjectId === 0 ? null : counter.subjectId,
  apiTokenId: counter.apiToken ? counter.subjectId : null,
});

/**
 * Fires each threshold a window has reached that nobody fired yet in that window, lowest first.
 * Each threshold is claimed on the counter row first, so exactly one instance fires it.
 */
export function createThresholdAlerts(deps: {
  counters: Counters;
  alerts: Alerts;
  now: () => Date;
  /** A counter's use as this instance sees it (net of the room it leased and has not handed out). */
  useOf: (held: HeldCounter) => Promise<PeriodUse>;
}) {
  /**
   * `known`: the use already read; `wall`: the call was refused in that window and metric. The
   * alert still reports the used amount the counter holds (as every other surface does).
   */
  return async function alertIfCrossed(held: HeldCounter, known?: PeriodUse, wall?: Wall) {
    const use = known ?? (await deps.useOf(held));
    for (const limits of held.limits) {
      const { percent, metric } =
        wall?.window === limits.window
          ? { percent: 100, metric: wall.metric }
          : fullness(use[limits.window], limits);
      for (const threshold of thresholdsOf(held.budget)) {
        if (threshold > percent) break;
        const claimed = await deps.counters.claimThreshold(
          held.counter,
          limits.window,
          held.period,
          threshold
        );
        if (!claimed) continue;
        deps.alerts.fire({
          budgetId: held.budget.id,
          budgetName: held.budget.name,
          scope: held.budget.scope,
          ...subjectOfAlert(held),
          window: limits.window,
          windowKey: `${limits.window}:${held.period[limits.window]}`,
          threshold,
          percent: Math.min(percent, 100),
          metric,
          used: formatAmount(metric, valueOf(use[limits.window], metric)),
          limit: formatAmount(metric, limits[metric]!),
          at: deps.now().toISOString(),
        });
      }
    }
  };
}

export type AlertIfCrossed = ReturnType<typeof createThresholdAlerts>;
