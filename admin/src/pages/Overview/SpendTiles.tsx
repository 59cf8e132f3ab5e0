import { Box, Grid, Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { Overview } from '../../../../shared/contracts/overview';
import { PercentBar } from '../../components/PercentBar';
import { PLUGIN_BASE } from '../../components/PluginNav';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { Tile } from './Tile';

/** This month against the same days of last month: "+12.5 %" / "−3 %"; null when last month had none. */
export function monthChange(spend: Overview['spend']): number | null {
  const before = Number(spend.lastMonthToDate);
  if (before === 0) return null;
  return (Number(spend.thisMonth) - before) / before;
}

const MonthTile = ({ overview }: { overview: Overview }) => {
  const t = useTranslate();
  const format = useFormat();
  const { spend } = overview;
  const change = monthChange(spend);
  const from = format.bucket(`${spend.lastMonthKey}-01`);
  const to = format.bucket(`${spend.lastMonthKey}-${String(spend.comparedDays).padStart(2, '0')}`);
  const sign = change !== null && change > 0 ? '+' : '';
  return (
    <Tile
      label={t('overview.month.label', 'Spend this month')}
      value={format.usd(spend.thisMonth)}
      testId="month"
      definition={t(
        'overview.month.definition',
        'Cost of every priced call from the 1st of this month through today ({timeZone}), compared with the same days of last month ({from} – {to}: {before}). All of last month: {lastMonth}.',
        {
          timeZone: overview.timeZone,
          from,
          to,
          before: format.usd(spend.lastMonthToDate),
          lastMonth: format.usd(spend.lastMonth),
        }
      )}
    >
      <Typography variant="pi" textColor="neutral600" data-testid="llm-overview-month-change">
        {change === null
          ? t('overview.month.noComparison', 'Nothing spent in the same days of last month')
          : t('overview.month.change', '{change} vs {from} – {to}', {
              change: `${sign}${format.percent(change)}`,
              from,
              to,
            })}
      </Typography>
    </Tile>
  );
};

const BudgetTile = ({ overview, canManage }: { overview: Overview; canManage: boolean }) => {
  const t = useTranslate();
  const format = useFormat();
  const budget = overview.siteBudget;
  const label = t('overview.budget.label', 'Site budget this month');
  if (!budget)
    return (
      <Tile
        label={label}
        value={t('overview.budget.none', 'No limit')}
        testId="budget"
        definition={t(
          'overview.budget.definition.none',
          'No active site-wide budget with a monthly cost limit.'
        )}
      >
        {canManage && (
          <Link tag={NavLink} to={`${PLUGIN_BASE}/budgets`}>
            {t('overview.budget.create', 'Set one on the Budgets page')}
          </Link>
        )}
      </Tile>
    );
  return (
    <Tile
      label={label}
      value={t('overview.budget.value', '{used} of {limit}', {
        used: format.usd(budget.used),
        limit: format.usd(budget.limit),
      })}
      testId="budget"
      definition={t(
        'overview.budget.definition',
        'What the site budget "{name}" counts this month, against its monthly cost limit.',
        { name: budget.name }
      )}
    >
      <Box paddingTop={2} paddingBottom={1}>
        <PercentBar
          percent={budget.percent}
          label={t('overview.budget.bar', '{percent} of the monthly limit used', {
            percent: format.percent(budget.percent / 100),
          })}
        />
      </Box>
      <Typography variant="pi" textColor="neutral600">
        {t('overview.budget.percent', '{percent} used · {name}', {
          percent: format.percent(budget.percent / 100),
          name: budget.name,
        })}
      </Typography>
    </Tile>
  );
};

/** This month (against last month), today, and the site budget. */
export const SpendTiles = ({ overview, canManage }: { overview: Overview; canManage: boolean }) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <Grid.Root gap={4}>
      <Grid.Item col={4} m={4} s={12} xs={12} alignItems="stretch" direction="column">
        <MonthTile overview={overview} />
      </Grid.Item>
      <Grid.Item col={4} m={4} s={12} xs={12} alignItems="stretch" direction="column">
        <Tile
          label={t('overview.today.label', 'Spend today')}
          value={format.usd(overview.spend.today)}
          testId="today"
          definition={t(
            'overview.today.definition',
            'Cost of every priced call since midnight ({timeZone}).',
            { timeZone: overview.timeZone }
          )}
        >
          <Typography variant="pi" textColor="neutral600">
            {t('overview.month.requests', '{count} requests this month', {
              count: format.number(overview.spend.thisMonthRequests),
            })}
          </Typography>
        </Tile>
      </Grid.Item>
      <Grid.Item col={4} m={4} s={12} xs={12} alignItems="stretch" direction="column">
        <BudgetTile overview={overview} canManage={canManage} />
      </Grid.Item>
    </Grid.Root>
  );
};
