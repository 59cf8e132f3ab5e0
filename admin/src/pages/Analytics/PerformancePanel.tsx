import { Box, Flex, Loader, Tooltip, Typography } from '@strapi/design-system';
import { Information } from '@strapi/icons';
import { useAPIErrorHandler } from '@strapi/strapi/admin';
import type { Filters, PeriodQuery } from '../../../../shared/analytics-query';
import type { PerformanceDocument, Percentiles } from '../../../../shared/contracts/performance';
import { Card } from '../../components/Card';
import { DataTable } from '../../components/DataTable';
import { InlineLoadError } from '../../components/InlineLoadError';
import { useFormat, type Format } from '../../hooks/useFormat';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import { useGetLlmPerformanceQuery } from '../../services/performance';
import { PerformanceChart } from './PerformanceChart';

export interface PerformancePanelProps {
  period: PeriodQuery;
  filters: Filters;
}

type ApiError = Parameters<ReturnType<typeof useAPIErrorHandler>['formatAPIError']>[0];
/** The scale's last step: past it a histogram only knows the call was longer. */
const BEYOND_SECONDS = 820;

/** A duration as the method knows it: exact ms, or "≤ bound" for a histogram's bucket. */
const msText =
  (t: Translate, f: Format, method: PerformanceDocument['method']) => (v: number | null) =>
    v === null
      ? t('latency.beyond', '> {value} s', { value: BEYOND_SECONDS })
      : method === 'exact'
        ? t('performance.exactMs', '{value} ms', { value: f.number(v) })
        : t('latency.atMost', '≤ {value} ms', { value: f.number(v) });

/** How the figures were computed, with the bound, a focus or hover away. */
const MethodNote = ({ doc }: { doc: PerformanceDocument }) => {
  const t = useTranslate();
  const f = useFormat();
  const exact = doc.method === 'exact';
  const detail = exact
    ? t(
        'performance.method.exactDetail',
        'Nearest-rank percentiles (the ⌈p·n⌉-th fastest call) of every successful call in the period, from the raw usage rows. Tokens per second: output tokens of streamed calls over their time after the first token, summed over the calls.'
      )
    : t(
        'performance.method.histogramDetail',
        'Read from daily per-model histograms: each percentile is the upper bound of its step on a 12-per-decade scale, never below the true value and at most {bound} above it. Days before the upgrade that added these histograms have none. Filter by anything but the model, or pick 7 days or less, for exact figures.',
        { bound: f.percent(doc.maxRelativeError) }
      );
  return (
    <Flex gap={1} alignItems="center" data-testid="llm-performance-method">
      <Typography variant="pi" textColor="neutral600">
        {exact
          ? t('performance.method.exact', 'Exact percentiles')
          : t('performance.method.histogram', 'Estimated: at most {bound} high', {
              bound: f.percent(doc.maxRelativeError),
            })}
      </Typography>
      <Tooltip label={detail}>
        <Flex tag="span" tabIndex={0} aria-label={detail} color="neutral500">
          <Information width="1.2rem" height="1.2rem" aria-hidden />
        </Flex>
      </Tooltip>
    </Flex>
  );
};

/** Per model over the period: calls, latency and TTFT percentiles, tokens per second. */
const PerformanceTable = ({
  doc,
  ms,
}: {
  doc: PerformanceDocument;
  ms: (v: number | null) => string;
}) => {
  const t = useTranslate();
  const f = useFormat();
  const cell = (figures: Percentiles, pick: 'p50Ms' | 'p95Ms') =>
    figures.calls === 0 ? '–' : ms(figures[pick]);
  return (
    <DataTable
      labelledBy="llm-performance-title"
      columns={[
        t('performance.model', 'Model'),
        t('latency.calls', 'Successful calls'),
        t('performance.latencyP50', 'Latency p50'),
        t('performance.latencyP95', 'Latency p95'),
        t('performance.ttftP50', 'First token p50'),
        t('performance.ttftP95', 'First token p95'),
        t('performance.tokensPerSecond', 'Tokens/s'),
      ]}
      rows={doc.models.map((m) => ({
        key: m.key,
        testId: `llm-performance-${m.key}`,
        cells: [
          m.label,
          f.number(m.latency.calls),
          cell(m.latency, 'p50Ms'),
          cell(m.latency, 'p95Ms'),
          cell(m.ttft, 'p50Ms'),
          cell(m.ttft, 'p95Ms'),
          m.tokensPerSecond === null ? '–' : f.number(m.tokensPerSecond),
        ],
      }))}
    />
  );
};

/** The panel's body for each state of the request: loading, failed, empty, or the figures. */
const PanelBody = ({ period, filters }: PerformancePanelProps) => {
  const t = useTranslate();
  const f = useFormat();
  const { formatAPIError } = useAPIErrorHandler();
  const { data, error, isLoading, refetch } = useGetLlmPerformanceQuery({ period, filters });
  if (isLoading)
    return (
      <Card padding={5}>
        <Loader small>{t('performance.loading', 'Loading performance…')}</Loader>
      </Card>
    );
  if (error || !data)
    return (
      <Card padding={5}>
        <InlineLoadError
          testId="llm-performance-error"
          message={t('analytics.error', 'The figures could not be loaded: {reason}', {
            reason: formatAPIError(error as ApiError),
          })}
          onRetry={() => void refetch()}
        />
      </Card>
    );
  if (data.models.length === 0)
    return (
      <Card padding={5}>
        <Typography textColor="neutral600" data-testid="llm-performance-empty">
          {t('performance.empty', 'No successful calls in this period.')}
        </Typography>
      </Card>
    );
  const ms = msText(t, f, data.method);
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <MethodNote doc={data} />
      <PerformanceChart doc={data} ms={ms} />
      <Card padding={4}>
        <PerformanceTable doc={data} ms={ms} />
      </Card>
    </Flex>
  );
};

/** Latency, time to first token and tokens per second per model, for the page's period and filters. */
export function PerformancePanel(props: PerformancePanelProps) {
  const t = useTranslate();
  return (
    <Box data-testid="llm-performance">
      <Typography variant="delta" tag="h2" id="llm-performance-title">
        {t('performance.title', 'Performance')}
      </Typography>
      <Box paddingTop={1} paddingBottom={3}>
        <Typography variant="pi" textColor="neutral600">
          {t(
            'performance.subtitle',
            'Successful calls only: how long they took, how soon a stream started, how fast it wrote.'
          )}
        </Typography>
      </Box>
      <PanelBody {...props} />
    </Box>
  );
}
