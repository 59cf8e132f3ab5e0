import { Alert, Box } from '@strapi/design-system';
import { useState } from 'react';
import type { WindowUsage } from '../../../shared/contracts/budgets';
import { addUsd } from '../../../shared/format';
import { useFormat, type Format } from '../hooks/useFormat';
import { useTranslate, type Translate } from '../hooks/useTranslate';
import { useGetMyBudgetQuery } from '../services/budgets';

/** "$3.20 of $10.00 left this month" for the tightest metric of a window. */
function remaining(window: WindowUsage, t: Translate, format: Format): string {
  const period = window.window;
  if (window.cost.limit !== null) {
    const left = addUsd(window.cost.limit, `-${window.cost.used}`);
    return t(
      'budgetBanner.left.cost',
      '{left} of {limit} left {period, select, day {today} other {this month}}',
      {
        left: format.usd(left.startsWith('-') ? '0' : left),
        limit: format.usd(window.cost.limit),
        period,
      }
    );
  }
  const metric = window.tokens.limit !== null ? window.tokens : window.requests;
  const values = {
    left: format.number(Math.max(0, Number(metric.limit) - Number(metric.used))),
    limit: format.number(Number(metric.limit)),
    period,
  };
  return window.tokens.limit !== null
    ? t(
        'budgetBanner.left.tokens',
        '{left} of {limit} tokens left {period, select, day {today} other {this month}}',
        values
      )
    : t(
        'budgetBanner.left.requests',
        '{left} of {limit} requests left {period, select, day {today} other {this month}}',
        values
      );
}

/** Tells the signed-in user how much of their LLM budget is left; says nothing when no budget applies. */
export const BudgetBanner = () => {
  const t = useTranslate();
  const format = useFormat();
  // Through the admin's data layer: refetched when a budget is saved or deleted.
  const { data: budgets = [] } = useGetMyBudgetQuery();
  const [closed, setClosed] = useState(false);
  const windows = budgets.flatMap((b) => b.windows.map((w) => ({ budget: b, window: w })));
  if (windows.length === 0 || closed) return null;
  const tightest = windows.reduce((a, b) => (b.window.percent > a.window.percent ? b : a));
  const variant =
    tightest.window.percent >= 100
      ? 'danger'
      : tightest.window.percent >= 80
        ? 'warning'
        : 'default';

  return (
    <Box paddingBottom={4} data-testid="llm-budget-banner">
      <Alert
        variant={variant}
        title={t('budgetBanner.title', 'LLM budget "{name}"', { name: tightest.budget.name })}
        closeLabel={t('budgetBanner.close', 'Close')}
        onClose={() => setClosed(true)}
      >
        {t('budgetBanner.status', '{remaining} ({percent} used; resets on {resetsOn})', {
          remaining: remaining(tightest.window, t, format),
          percent: format.percent(tightest.window.percent / 100),
          resetsOn: format.bucket(tightest.window.resetsOn),
        })}
      </Alert>
    </Box>
  );
};
