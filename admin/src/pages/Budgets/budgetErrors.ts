import { useCallback } from 'react';
import {
  BUDGET_MAX_COST_USD,
  BUDGET_MAX_REQUESTS,
  BUDGET_MAX_THRESHOLDS,
  BUDGET_MAX_TOKENS,
  BUDGET_NAME_MAX_LENGTH,
  type BudgetProblemPath,
} from '../../../../shared/budget-rules';
import { useFormat } from '../../hooks/useFormat';
import { msg, useTranslate, type Message } from '../../hooks/useTranslate';

const COST = msg(
  'budgets.error.cost',
  'Enter an amount in USD above 0 and at most {max}, such as 25 or 0.50'
);
const WHOLE = msg('budgets.error.wholeNumber', 'Enter a whole number from 1 to {max}');

/** What the form says under a field the shared rules refuse, and the limit it names. */
const MESSAGES: Record<
  BudgetProblemPath,
  [Message, 'name' | 'cost' | 'tokens' | 'requests' | null]
> = {
  name: [msg('budgets.error.name', 'Enter a name of at most {max} characters'), 'name'],
  scope: [msg('budgets.error.scope', 'Choose who the budget applies to'), null],
  userId: [msg('budgets.error.userId', 'Choose the user this budget applies to'), null],
  roleId: [msg('budgets.error.roleId', 'Choose the role this budget applies to'), null],
  apiTokenId: [
    msg('budgets.error.apiTokenId', 'Choose the API token this budget applies to'),
    null,
  ],
  dailyCost: [COST, 'cost'],
  monthlyCost: [COST, 'cost'],
  dailyTokens: [WHOLE, 'tokens'],
  monthlyTokens: [WHOLE, 'tokens'],
  dailyRequests: [WHOLE, 'requests'],
  monthlyRequests: [WHOLE, 'requests'],
  alertThresholds: [
    msg(
      'budgets.error.alertThresholds',
      'Enter up to {max} whole percentages from 1 to 100, separated by commas, such as 80, 100'
    ),
    null,
  ],
  onExceed: [msg('budgets.error.onExceed', 'Choose what happens to a call over the limit'), null],
  fallbackConfigurationId: [
    msg('budgets.error.fallback', 'Choose the configuration to fall back to'),
    null,
  ],
  active: [msg('budgets.error.active', 'Choose on or off'), null],
  limits: [
    msg(
      'budgets.error.limits',
      'Set at least one limit: a cost, tokens or requests, per day or per month'
    ),
    null,
  ],
};

/** The translated message for a problem the shared rules found, with its limit in the user's locale. */
export function useBudgetErrorText() {
  const t = useTranslate();
  const format = useFormat();
  return useCallback(
    (path: BudgetProblemPath) => {
      const [message, limit] = MESSAGES[path];
      const max = {
        name: format.number(BUDGET_NAME_MAX_LENGTH),
        cost: format.usd(String(BUDGET_MAX_COST_USD)),
        tokens: format.number(BUDGET_MAX_TOKENS),
        requests: format.number(BUDGET_MAX_REQUESTS),
      };
      return t(message, { max: limit ? max[limit] : format.number(BUDGET_MAX_THRESHOLDS) });
    },
    [t, format]
  );
}
