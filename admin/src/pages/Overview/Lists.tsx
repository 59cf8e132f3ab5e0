import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type {
  OverviewAlert,
  OverviewProviderHealth,
  OverviewRanked,
} from '../../../../shared/contracts/overview';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { Section } from './Tile';

/** One line of a list: what on the left, the figures on the right, wrapping at phone width. */
const Line = ({ children, testId }: { children: React.ReactNode; testId?: string }) => (
  <Flex
    tag="li"
    justifyContent="space-between"
    alignItems="baseline"
    wrap="wrap"
    gap={2}
    paddingTop={2}
    paddingBottom={2}
    borderColor="neutral150"
    borderStyle="solid"
    borderWidth="0 0 1px 0"
    data-testid={testId}
  >
    {children}
  </Flex>
);

const Empty = ({ children }: { children: string }) => (
  <Typography variant="omega" textColor="neutral600">
    {children}
  </Typography>
);

/** The three most expensive models or users of the month. */
export const TopList = ({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: OverviewRanked[];
  testId: string;
}) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <Section title={title} testId={testId}>
      {rows.length === 0 ? (
        <Empty>{t('overview.top.empty', 'No calls this month.')}</Empty>
      ) : (
        <Box tag="ol">
          {rows.map((row) => (
            <Line key={row.id} testId={`llm-overview-${testId}-row`}>
              <Typography fontWeight="semiBold" style={{ overflowWrap: 'anywhere' }}>
                {row.name}
              </Typography>
              <Typography textColor="neutral600">
                {t('overview.top.figures', '{cost} · {requests} requests', {
                  cost: format.usd(row.cost),
                  requests: format.number(row.requests),
                })}
              </Typography>
            </Line>
          ))}
        </Box>
      )}
    </Section>
  );
};

/** The alert thresholds budgets reached this month. */
export const AlertsList = ({ alerts }: { alerts: OverviewAlert[] }) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <Section title={t('overview.alerts.title', 'Budget alerts this month')} testId="alerts">
      {alerts.length === 0 ? (
        <Empty>
          {t('overview.alerts.empty', 'No budget reached an alert threshold this month.')}
        </Empty>
      ) : (
        <Box tag="ul">
          {alerts.map((alert) => (
            <Line
              key={`${alert.budgetId}-${alert.userId}-${alert.window}-${alert.threshold}`}
              testId="llm-overview-alert"
            >
              <Typography style={{ overflowWrap: 'anywhere' }}>
                {t(
                  'overview.alerts.line',
                  '"{budget}" reached {threshold} % of its {window, select, day {daily} other {monthly}} limit',
                  { budget: alert.budgetName, threshold: alert.threshold, window: alert.window }
                )}
                {alert.userName && t('overview.alerts.user', ' ({user})', { user: alert.userName })}
              </Typography>
              <Typography textColor="neutral600">{format.bucket(alert.windowKey)}</Typography>
            </Line>
          ))}
        </Box>
      )}
      <Box paddingTop={2}>
        <Typography variant="pi" textColor="neutral600">
          {t(
            'overview.alerts.note',
            "Monthly limits' alerts of the whole month; daily limits' alerts of today."
          )}
        </Typography>
      </Box>
    </Section>
  );
};

/** Each provider's last success and last failure, from the usage ledger. */
/** An open circuit (calls skip the provider) or a half-open one (one call probes it); closed: none. */
const CircuitBadge = ({ state }: { state: OverviewProviderHealth['circuit'] }) => {
  const t = useTranslate();
  if (state === 'open')
    return (
      <Badge backgroundColor="danger100" textColor="danger700" data-testid="llm-overview-circuit">
        {t('overview.health.circuit.open', 'Circuit open: calls skip it')}
      </Badge>
    );
  if (state === 'half-open')
    return (
      <Badge backgroundColor="warning100" textColor="warning700" data-testid="llm-overview-circuit">
        {t('overview.health.circuit.halfOpen', 'Circuit half-open: probing')}
      </Badge>
    );
  return null;
};

/** The provider's last hour: calls, the share that failed, and the p95 latency of the rest. */
const LastHourLine = ({ figures }: { figures: OverviewProviderHealth['lastHour'] }) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <Typography variant="pi" textColor="neutral600" data-testid="llm-overview-provider-hour">
      {figures.calls === 0
        ? t('overview.health.hour.none', 'Last hour: no calls')
        : t('overview.health.hour', 'Last hour: {calls} calls, {rate} failed, p95 {p95}', {
            calls: format.number(figures.calls),
            rate: format.percent(figures.failures / figures.calls),
            p95:
              figures.p95LatencyMs === null
                ? t('overview.health.hour.noLatency', 'n/a')
                : t('overview.health.hour.ms', '{ms} ms', {
                    ms: format.number(figures.p95LatencyMs),
                  }),
          })}
    </Typography>
  );
};

export const ProviderHealth = ({ providers }: { providers: OverviewProviderHealth[] }) => {
  const t = useTranslate();
  const format = useFormat();
  const when = (at: string | null) =>
    at ? format.dateTime(at) : t('overview.health.never', 'never');
  return (
    <Section title={t('overview.health.title', 'Provider health')} testId="health">
      {providers.length === 0 ? (
        <Empty>{t('overview.health.empty', 'No provider is configured yet.')}</Empty>
      ) : (
        <Box tag="ul">
          {providers.map((p) => {
            const failing =
              p.lastFailureAt !== null &&
              (p.lastSuccessAt === null || p.lastFailureAt > p.lastSuccessAt);
            return (
              <Line key={p.id} testId="llm-overview-provider">
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Flex gap={2} wrap="wrap">
                    <Typography fontWeight="semiBold">{p.name}</Typography>
                    <CircuitBadge state={p.circuit} />
                    {failing ? (
                      <Badge backgroundColor="danger100" textColor="danger700">
                        {t('overview.health.failing', 'Last call failed')}
                      </Badge>
                    ) : p.lastSuccessAt ? (
                      <Badge backgroundColor="success100" textColor="success700">
                        {t('overview.health.ok', 'OK')}
                      </Badge>
                    ) : null}
                  </Flex>
                  <Typography variant="pi" textColor="neutral600">
                    {t('overview.health.success', 'Last success: {at}', {
                      at: when(p.lastSuccessAt),
                    })}
                  </Typography>
                  <Typography variant="pi" textColor="neutral600">
                    {p.lastErrorCode
                      ? t('overview.health.failure', 'Last failure: {at} ({code})', {
                          at: when(p.lastFailureAt),
                          code: p.lastErrorCode,
                        })
                      : t('overview.health.noFailure', 'Last failure: {at}', {
                          at: when(p.lastFailureAt),
                        })}
                  </Typography>
                  <LastHourLine figures={p.lastHour} />
                </Flex>
              </Line>
            );
          })}
        </Box>
      )}
    </Section>
  );
};
