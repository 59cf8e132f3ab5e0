import { LlmError } from '../gateway/errors';
import type { BudgetMetric, BudgetScope, BudgetWindow } from './limits';
import { formatAmount } from './use';

export interface BudgetExceededDetails {
  budgetId: number;
  budgetName: string;
  scope: BudgetScope;
  window: BudgetWindow;
  metric: BudgetMetric;
  /** Used before this call, and the limit; cost in decimal USD text, tokens and requests as integers. */
  used: string;
  limit: string;
  resetsOn: string;
  timeZone: string;
  /** Set when the budget falls back to a cheaper configuration instead of blocking. */
  fallbackConfigurationId?: number;
}

const show = (metric: BudgetMetric, value: bigint) =>
  `${metric === 'cost' ? '$' : ''}${formatAmount(metric, value)}`;

/** A call refused (or rerouted) by a budget, before any provider was called. */
export class BudgetExceededError extends LlmError {
  readonly details: BudgetExceededDetails;

  constructor(
    details: Omit<BudgetExceededDetails, 'used' | 'limit'> & { used: bigint; limit: bigint }
  ) {
    const period = details.window === 'day' ? 'Daily' : 'Monthly';
    super(
      'budget_exceeded',
      `${period} ${details.metric} budget "${details.budgetName}" exceeded: used ${show(details.metric, details.used)} of ` +
        `${show(details.metric, details.limit)}; it resets on ${details.resetsOn} (${details.timeZone})`,
      { fallbackConfigurationId: details.fallbackConfigurationId }
    );
    this.name = 'BudgetExceededError';
    this.details = {
      ...details,
      used: formatAmount(details.metric, details.used),
      limit: formatAmount(details.metric, details.limit),
    };
  }
}
