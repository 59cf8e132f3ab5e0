import { Box, Flex, Loader, Tooltip, Typography } from '@strapi/design-system';
import type { BudgetRunOut } from '../../../../shared/contracts/forecast';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { useGetBudgetForecastQuery } from '../../services/forecast';

/** "Runs out Mar 31" / "Not this month": one window's projected run-out, as a short phrase. */
export const RunOutText = ({ runOut }: { runOut: BudgetRunOut }) => {
  const t = useTranslate();
  const format = useFormat();
  if (runOut.runsOutOn === null)
    return (
      <Typography variant="pi" textColor="success600">
        {runOut.window === 'day'
          ? t('forecast.runOut.notToday', 'Lasts today')
          : t('forecast.runOut.notThisMonth', 'Lasts the month')}
      </Typography>
    );
  return (
    <Typography variant="pi" textColor="danger600" fontWeight="bold">
      {t('forecast.runOut.on', 'Runs out {date}', { date: format.bucket(runOut.runsOutOn) })}
    </Typography>
  );
};

/** Each active cost budget's windows (per member for a role budget), soonest run-out first. */
export const RunOutList = ({ runOuts }: { runOuts: BudgetRunOut[] }) => {
  const t = useTranslate();
  const format = useFormat();
  if (runOuts.length === 0)
    return (
      <Typography textColor="neutral600" data-testid="llm-forecast-no-budgets">
        {t('forecast.noBudgets', 'No active budget has a cost limit.')}
      </Typography>
    );
  const sorted = [...runOuts].sort((a, b) =>
    (a.runsOutOn ?? '9999').localeCompare(b.runsOutOn ?? '9999')
  );
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={2}
      tag="ul"
      data-testid="llm-forecast-runouts"
    >
      {sorted.map((r) => (
        <Flex
          tag="li"
          key={`${r.budgetId}-${r.userId ?? 0}-${r.window}`}
          gap={2}
          wrap="wrap"
          justifyContent="space-between"
          data-testid="llm-forecast-runout"
        >
          <Box style={{ minWidth: 0 }}>
            <Typography fontWeight="bold">{r.budgetName}</Typography>{' '}
            <Typography variant="pi" textColor="neutral600">
              {t(
                'forecast.runOut.detail',
                '{who}{window, select, day {today} other {this month}}: {used} of {limit}, projected {projected}',
                {
                  who: r.userName ? `${r.userName} · ` : '',
                  window: r.window,
                  used: format.usd(r.used),
                  limit: format.usd(r.limit),
                  projected: format.usd(r.projected, { approximate: true }),
                }
              )}
            </Typography>
          </Box>
          <RunOutText runOut={r} />
        </Flex>
      ))}
    </Flex>
  );
};

/**
 * The Budgets page's forecast cell: when each cost window of this budget runs out at the projected
 * rate (for a role budget, its first member to run out). Shares one request with the other rows.
 */
export const RunOutCell = ({ budgetId }: { budgetId: number }) => {
  const t = useTranslate();
  const format = useFormat();
  const { data, isLoading, isError } = useGetBudgetForecastQuery();
  if (isLoading) return <Loader small>{t('forecast.loading', 'Loading the forecast…')}</Loader>;
  if (isError || !data)
    return (
      <Typography variant="pi" textColor="neutral600">
        {t('forecast.unavailable', 'Forecast unavailable')}
      </Typography>
    );
  const first = new Map<string, BudgetRunOut>();
  for (const r of data.budgets.filter((b) => b.budgetId === budgetId)) {
    const seen = first.get(r.window);
    if (!seen || (r.runsOutOn ?? '9999') < (seen.runsOutOn ?? '9999')) first.set(r.window, r);
  }
  if (first.size === 0) return <Typography textColor="neutral600">—</Typography>;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid="llm-budget-runout">
      {[...first.values()].map((r) => (
        <Tooltip
          key={r.window}
          label={t(
            'forecast.runOut.tooltip',
            'Projected at the average daily spend of the last {days} full days: {projected} by the end of the {window, select, day {day} other {month}}.',
            {
              days: data.trailingDays,
              projected: format.usd(r.projected, { approximate: true }),
              window: r.window,
            }
          )}
        >
          <Box tabIndex={0}>
            <RunOutText runOut={r} />
          </Box>
        </Tooltip>
      ))}
    </Flex>
  );
};
