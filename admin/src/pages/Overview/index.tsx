import { Box, Button, EmptyStateLayout, Flex, Grid, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page, useAPIErrorHandler, useRBAC } from '@strapi/strapi/admin';
import type { Overview } from '../../../../shared/contracts/overview';
import { BudgetBanner } from '../../components/BudgetBanner';
import { Card } from '../../components/Card';
import { Command, SEED_USAGE_COMMAND } from '../../components/Command';
import { useTranslate, useTranslateRich } from '../../hooks/useTranslate';
import { PERMISSIONS } from '../../permissions';
import { useGetLlmOverviewQuery } from '../../services/overview';
import { About } from './About';
import { Links } from './Links';
import { AlertsList, ProviderHealth, TopList } from './Lists';
import { MyMonth } from './MyMonth';
import { SpendTiles } from './SpendTiles';

/** A site that never made a call: nothing this month or last, no provider ever answered. */
export const isFresh = (overview: Overview) =>
  overview.spend.thisMonthRequests === 0 &&
  Number(overview.spend.lastMonth) === 0 &&
  overview.providers.every((p) => p.lastSuccessAt === null && p.lastFailureAt === null);

const FreshSite = () => {
  const t = useTranslate();
  const rich = useTranslateRich();
  return (
    <Card data-testid="llm-overview-empty">
      <EmptyStateLayout
        content={t('overview.empty', 'This site has made no LLM calls yet.')}
        action={
          <Typography textColor="neutral600">
            {rich(
              'overview.empty.seed',
              'On a development site, {command} fills it with 90 days of demo usage.',
              { command: <Command>{SEED_USAGE_COMMAND}</Command> }
            )}
          </Typography>
        }
      />
    </Card>
  );
};

const Cell = ({ children, col = 6 }: { children: React.ReactNode; col?: number }) => (
  <Grid.Item col={col} m={col} s={12} xs={12} alignItems="stretch" direction="column">
    {children}
  </Grid.Item>
);

/** The site-wide figures: for users with analytics.read only (the server refuses the others). */
const SiteOverview = ({ canManageBudgets }: { canManageBudgets: boolean }) => {
  const t = useTranslate();
  const { _unstableFormatAPIError: formatAPIError } = useAPIErrorHandler();
  const { data, error, isLoading, isFetching, refetch } = useGetLlmOverviewQuery();
  if (isLoading) return <Page.Loading />;
  if (error || !data)
    return (
      <Card data-testid="llm-overview-error">
        <Page.Error
          content={
            error ? formatAPIError(error) : t('overview.error', 'The overview could not be loaded.')
          }
          action={
            <Button
              variant="secondary"
              startIcon={<ArrowClockwise />}
              onClick={() => refetch()}
              loading={isFetching}
            >
              {t('overview.retry', 'Retry')}
            </Button>
          }
        />
      </Card>
    );
  if (isFresh(data)) return <FreshSite />;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="llm-overview">
      <SpendTiles overview={data} canManage={canManageBudgets} />
      <Grid.Root gap={4}>
        <Cell>
          <TopList
            title={t('overview.topModels', 'Top models this month')}
            rows={data.topModels}
            testId="top-models"
          />
        </Cell>
        <Cell>
          <TopList
            title={t('overview.topUsers', 'Top users this month')}
            rows={data.topUsers}
            testId="top-users"
          />
        </Cell>
        <Cell>
          <AlertsList alerts={data.alerts} />
        </Cell>
        <Cell>
          <ProviderHealth providers={data.providers} />
        </Cell>
      </Grid.Root>
    </Flex>
  );
};

/**
 * The plugin's first page. With analytics.read: the month's spend against last month and the site
 * budget, today, the top models and users, alerts and provider health. Without it: the user's own
 * month and budget banner. Then where to go next, and what the plugin runs on.
 */
export const OverviewPage = () => {
  const t = useTranslate();
  const analytics = useRBAC(PERMISSIONS.analytics);
  const budgets = useRBAC(PERMISSIONS.budgets);
  const canRead = analytics.allowedActions.canRead;
  const canManage = budgets.allowedActions.canManage;
  const checking = analytics.isLoading || budgets.isLoading;

  return (
    <Page.Main>
      <Page.Title>{t('home.title', 'LLM')}</Page.Title>
      <Layouts.Header
        title={t('home.title', 'LLM')}
        subtitle={t('home.subtitle', 'Every LLM call this site makes, metered.')}
      />
      <Layouts.Content>
        <BudgetBanner />
        {checking ? (
          <Page.Loading />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            {canRead ? <SiteOverview canManageBudgets={canManage} /> : <MyMonth />}
            <Grid.Root gap={4}>
              <Cell col={8}>
                <Links canReadAnalytics={canRead} canManageBudgets={canManage} />
              </Cell>
              <Cell col={4}>
                <About />
              </Cell>
            </Grid.Root>
          </Flex>
        )}
        <Box paddingBottom={4} />
      </Layouts.Content>
    </Page.Main>
  );
};
