import { Alert, Box } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { GetMyBudget, WindowUsage } from '../../../shared/contracts/budgets';
import { addUsd, formatCount, formatUsd } from '../../../shared/format';
import { useTranslate, type Translate } from '../hooks/useTranslate';
import { PLUGIN_ID } from '../pluginId';

type MyBudgets = GetMyBudget.Response['data'];

/** "$3.20 of $10.00 left this month" for the tightest metric of a window. */
function remaining(window: WindowUsage, t: Translate): string {
  const period = window.window;
  if (window.cost.limit !== null) {
    const left = addUsd(window.cost.limit, `-${window.cost.used}`);
    return t(
      'budgetBanner.left.cost',
      '{left} of {limit} left {period, select, day {today} other {this month}}',
      {
        left: formatUsd(left.startsWith('-') ? '0' : left),
        limit: formatUsd(window.cost.limit),
        period,
      }
    );
  }
  const metric = window.tokens.limit !== null ? window.tokens : window.requests;
  const values = {
    left: formatCount(Math.max(0, Number(metric.limit) - Number(metric.used))),
    limit: formatCount(metric.limit),
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

/** The signed-in user's budgets, as the server reports them (none when none applies). */
function useMyBudgets() {
  const { get } = useFetchClient();
  const [budgets, setBudgets] = useState<MyBudgets>([]);
  useEffect(() => {
    let live = true;
    get<GetMyBudget.Response>(`/${PLUGIN_ID}/me/budget`)
      .then(({ data }) => live && setBudgets(data.data))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [get]);
  return budgets;
}

/** Tells the signed-in user how much of their LLM budget is left; says nothing when no budget applies. */
export const BudgetBanner = () => {
  const t = useTranslate();
  const budgets = useMyBudgets();
  const windows = budgets.flatMap((b) => b.windows.map((w) => ({ budget: b, window: w })));
  if (windows.length === 0) return null;
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
      >
        {t('budgetBanner.status', '{remaining} ({percent}% used; resets {resetsOn})', {
          remaining: remaining(tightest.window, t),
          percent: tightest.window.percent,
          resetsOn: tightest.window.resetsOn,
        })}
      </Alert>
    </Box>
  );
};
