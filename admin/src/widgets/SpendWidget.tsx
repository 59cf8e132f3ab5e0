import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import type { Overview } from '../../../shared/contracts/overview';
import { PercentBar } from '../components/PercentBar';
import { useFormat } from '../hooks/useFormat';
import { useTranslate } from '../hooks/useTranslate';
import { useGetLlmOverviewQuery } from '../services/overview';
import { monthChange } from '../pages/Overview/SpendTiles';

const Comparison = ({ overview }: { overview: Overview }) => {
  const t = useTranslate();
  const format = useFormat();
  const change = monthChange(overview.spend);
  if (change === null)
    return (
      <Typography variant="pi" textColor="neutral600">
        {t('overview.month.noComparison', 'Nothing spent in the same days of last month')}
      </Typography>
    );
  const days = overview.spend.comparedDays;
  return (
    <Typography variant="pi" textColor="neutral600" data-testid="llm-widget-change">
      {t(
        'widget.change',
        '{change} vs the first {days, plural, one {# day} other {# days}} of last month',
        {
          change: `${change > 0 ? '+' : ''}${format.percent(change)}`,
          days,
        }
      )}
    </Typography>
  );
};

/**
 * "AI spend this month" on Strapi's homepage: the Overview's figure (the same request, cached by the
 * admin's data layer). Registered for users with analytics.read only (admin/src/index.ts).
 */
const SpendWidget = () => {
  const t = useTranslate();
  const format = useFormat();
  const { data, isLoading, error } = useGetLlmOverviewQuery();
  if (isLoading) return <Widget.Loading />;
  if (error || !data) return <Widget.Error />;
  if (data.spend.thisMonthRequests === 0 && Number(data.spend.lastMonth) === 0)
    return <Widget.NoData>{t('widget.noData', 'No LLM calls this month yet.')}</Widget.NoData>;
  const budget = data.siteBudget;
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={2}
      data-testid="llm-widget"
      height="100%"
      justifyContent="center"
    >
      <Typography variant="alpha" tag="p" data-testid="llm-widget-value">
        {format.usd(data.spend.thisMonth)}
      </Typography>
      <Comparison overview={data} />
      <Typography variant="pi" textColor="neutral600">
        {t('widget.today', 'Today: {today}', { today: format.usd(data.spend.today) })}
      </Typography>
      {budget && (
        <Box paddingTop={2} data-testid="llm-widget-budget">
          <PercentBar
            percent={budget.percent}
            label={t('overview.budget.bar', '{percent} of the monthly limit used', {
              percent: format.percent(budget.percent / 100),
            })}
          />
          <Typography variant="pi" textColor="neutral600">
            {t('overview.budget.value', '{used} of {limit}', {
              used: format.usd(budget.used),
              limit: format.usd(budget.limit),
            })}
          </Typography>
        </Box>
      )}
    </Flex>
  );
};

export default SpendWidget;
