import { Alert, Box } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { GetMyBudget, WindowUsage } from '../../../shared/contracts/budgets';
import { addUsd, formatCount, formatUsd } from '../../../shared/format';
import { PLUGIN_ID } from '../pluginId';

type MyBudgets = GetMyBudget.Response['data'];

/** "$3.20 of $10.00 left this month" for the tightest metric of a window. */
function remaining(window: WindowUsage): string {
  const period = window.window === 'day' ? 'today' : 'this month';
  if (window.cost.limit !== null) {
    const left = addUsd(window.cost.limit, `-${window.cost.used}`);
    return `${formatUsd(left.startsWith('-') ? '0' : left)} of ${formatUsd(window.cost.limit)} left ${period}`;
  }
  const metric = window.tokens.limit !== null ? window.tokens : window.requests;
  const noun = window.tokens.limit !== null ? 'tokens' : 'requests';
  const left = Math.max(0, Number(metric.limit) - Number(metric.used));
  return `${formatCount(left)} of ${formatCount(metric.limit)} ${noun} left ${period}`;
}

/** Tells the signed-in user how much of their LLM budget is left; says nothing when no budget applies. */
export const BudgetBanner = () => {
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
      <Alert variant={variant} title={`LLM budget "${tightest.budget.name}"`} closeLabel="Close">
        {remaining(tightest.window)} ({tightest.window.percent}% used; resets{' '}
        {tightest.window.resetsOn})
      </Alert>
    </Box>
  );
};
