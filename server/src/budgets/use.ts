import { formatNanoUsd } from '../pricing/money';
import type { BudgetMetric, BudgetRecord, BudgetWindow, WindowLimits } from './limits';

/** What a counter holds for one window: exact amounts, and the highest threshold alerted so far. */
export interface WindowUse {
  costNano: bigint;
  tokens: bigint;
  requests: bigint;
  alerted: number;
}

export type PeriodUse = Record<BudgetWindow, WindowUse>;

export const NO_USE: WindowUse = { costNano: 0n, tokens: 0n, requests: 0n, alerted: 0 };

/** A budget as it applies to one subject, with each window's limits and exact use. */
export interface ExactBudgetUse {
  budget: BudgetRecord;
  name: string;
  subjectId: number;
  windows: Array<{ limits: WindowLimits; use: WindowUse }>;
}

export const valueOf = (use: WindowUse, metric: BudgetMetric) =>
  metric === 'cost' ? use.costNano : metric === 'tokens' ? use.tokens : use.requests;

/** A budget amount as the API shows it: exact USD text for cost, an integer for tokens and requests. */
export const formatAmount = (metric: BudgetMetric, value: bigint) =>
  metric === 'cost' ? formatNanoUsd(value) : value.toString();

/** How full a window is: percent of its tightest limit, and which metric that is. */
export function fullness(
  use: WindowUse,
  limits: WindowLimits
): { percent: number; metric: BudgetMetric } {
  let best = { percent: 0, metric: 'cost' as BudgetMetric };
  for (const metric of ['cost', 'tokens', 'requests'] as const) {
    const limit = limits[metric];
    if (limit === null) continue;
    const percent = limit === 0n ? 100 : Number((valueOf(use, metric) * 100n) / limit);
    if (percent >= best.percent) best = { percent, metric };
  }
  return best;
}

/** The window and metric that taking `amount` on top of `use` would pass. */
export function limitPassed(
  use: PeriodUse,
  amount: { costNano: bigint; tokens: bigint },
  limits: WindowLimits[]
): { limits: WindowLimits; metric: BudgetMetric } {
  for (const window of limits) {
    const used = use[window.window];
    if (window.requests !== null && used.requests + 1n > window.requests)
      return { limits: window, metric: 'requests' };
    if (window.tokens !== null && used.tokens + amount.tokens > window.tokens)
      return { limits: window, metric: 'tokens' };
    if (window.cost !== null && used.costNano + amount.costNano > window.cost)
      return { limits: window, metric: 'cost' };
  }
  // Another call took the room between the refusal and this read: report the tightest window.
  return { limits: limits[0], metric: fullness(use[limits[0].window], limits[0]).metric };
}
