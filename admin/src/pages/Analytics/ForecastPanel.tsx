import { Box, Flex, Loader, Tooltip, Typography } from '@strapi/design-system';
import { Information } from '@strapi/icons';
import { useAPIErrorHandler } from '@strapi/strapi/admin';
import type { PeriodQuery } from '../../../../shared/analytics-query';
import type { Forecast } from '../../../../shared/contracts/forecast';
import { Card } from '../../components/Card';
import { FigureTile } from '../../components/FigureTile';
import { InlineLoadError } from '../../components/InlineLoadError';
import { PercentBar } from '../../components/PercentBar';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { useGetForecastQuery } from '../../services/forecast';
import { RunOutList } from '../Budgets/RunOutList';

export interface ForecastPanelProps {
  period: PeriodQuery;
}

/** Projected to the hundredth of a percent of the limit, from exact decimal text (no float sums). */
const percentOf = (value: string, limit: string) => {
  const cents = (usd: string) => {
    const [whole, fraction = ''] = usd.split('.');
    return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  };
  const of = cents(limit);
  return of === 0n ? 0 : Number((cents(value) * 10000n) / of) / 100;
};

/** The site's monthly budget, with the projected month end as a bar against it. */
const SiteBudgetTile = ({ forecast }: { forecast: Forecast }) => {
  const t = useTranslate();
  const format = useFormat();
  const { site, siteMonthlyLimit } = forecast;
  return (
    <FigureTile
      testId="llm-forecast-budget"
      label={t('forecast.siteBudget', 'Site budget this month')}
      value={siteMonthlyLimit ? format.usd(siteMonthlyLimit) : t('forecast.noSiteBudget', 'None')}
      definition={t(
        'forecast.siteBudget.definition',
        'The tightest active site budget with a monthly cost limit; the bar shows the projected month end against it.'
      )}
    >
      {siteMonthlyLimit && (
        <Box paddingTop={2}>
          <PercentBar
            percent={percentOf(site.projectedMonthEnd, siteMonthlyLimit)}
            label={t('forecast.siteBudget.bar', 'Projected {percent}% of the site budget', {
              percent: percentOf(site.projectedMonthEnd, siteMonthlyLimit),
            })}
          />
        </Box>
      )}
    </FigureTile>
  );
};

const Tiles = ({ forecast }: { forecast: Forecast }) => {
  const t = useTranslate();
  const format = useFormat();
  const { site } = forecast;
  const tile = { flex: '1 1 16rem', minWidth: 0 };
  return (
    <Flex gap={4} wrap="wrap" alignItems="stretch">
      <Box style={tile}>
        <FigureTile
          testId="llm-forecast-so-far"
          label={t('forecast.soFar', 'Spent this month')}
          value={format.usd(site.monthSoFar)}
          definition={t(
            'forecast.soFar.definition',
            'Exact spend from the 1st of the month until now, today included ({today}).',
            { today: format.usd(site.today) }
          )}
        />
      </Box>
      <Box style={tile}>
        <FigureTile
          testId="llm-forecast-projected"
          label={t('forecast.projected', 'Projected month end')}
          value={format.usd(site.projectedMonthEnd, { approximate: true })}
          definition={t(
            'forecast.projected.definition',
            'Spent so far plus {rate} a day (the average of the last {days} full days) for the rest of today and the {left} days left; today counts at least what it already spent.',
            {
              rate: format.usd(site.dailyRate),
              days: forecast.trailingDays,
              left: forecast.daysLeft,
            }
          )}
        />
      </Box>
      <Box style={tile}>
        <SiteBudgetTile forecast={forecast} />
      </Box>
    </Flex>
  );
};

/**
 * Projected month-end spend against the month so far and the site budget, and when each budget
 * with a cost limit runs out. Always this month at "now", whatever period the page shows.
 */
export function ForecastPanel(_props: ForecastPanelProps) {
  const t = useTranslate();
  const { _unstableFormatAPIError: formatAPIError } = useAPIErrorHandler();
  const { data, error, isLoading, refetch } = useGetForecastQuery();
  const method = t(
    'forecast.method',
    'Method: the average daily spend of the last {days} full days, projected over the days left in the month; today counts at least what it already spent.',
    { days: data?.trailingDays ?? 7 }
  );
  return (
    <Card padding={4} data-testid="llm-forecast">
      <Flex gap={1} alignItems="center" paddingBottom={3}>
        <Typography variant="delta" tag="h2">
          {t('forecast.title', 'Month-end forecast')}
        </Typography>
        <Tooltip label={method}>
          <Flex
            tag="span"
            tabIndex={0}
            aria-label={method}
            color="neutral500"
            data-testid="llm-forecast-method"
          >
            <Information width="1.4rem" height="1.4rem" aria-hidden />
          </Flex>
        </Tooltip>
      </Flex>
      {isLoading ? (
        <Loader small>{t('forecast.loading', 'Loading the forecast…')}</Loader>
      ) : error || !data ? (
        <InlineLoadError
          testId="llm-forecast-error"
          message={
            error ? formatAPIError(error) : t('forecast.error', 'The forecast could not be loaded.')
          }
          onRetry={() => refetch()}
        />
      ) : (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Tiles forecast={data} />
          <RunOutList runOuts={data.budgets} />
        </Flex>
      )}
    </Card>
  );
}
