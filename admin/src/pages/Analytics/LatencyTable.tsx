import type { AnalyticsDocument, LatencyFigures } from '../../../../shared/contracts/analytics';
import { formatCount } from '../../../../shared/format';
import { useTranslate } from '../../hooks/useTranslate';
import { TableSection } from './TableSection';

const ms = (value: number | null, calls: number) =>
  calls === 0 ? '–' : value === null ? '> 820 s' : `≤ ${value.toLocaleString('en-US')} ms`;

const cell = (figures: LatencyFigures, pick: 'p50Ms' | 'p95Ms') => ms(figures[pick], figures.calls);

/** Median and p95 latency per service: a chat and an embedding are not comparable, so they are shown apart. */
export const LatencyTable = ({ rows }: { rows: AnalyticsDocument['latencyByService'] }) => {
  const t = useTranslate();
  if (rows.length === 0) return null;
  return (
    <TableSection
      testId="llm-latency"
      title={t('latency.title', 'Latency by service')}
      subtitle={t(
        'latency.subtitle',
        'Successful calls only. Each figure is rounded up to a step of a 12-per-decade scale.'
      )}
      columns={[
        t('latency.service', 'Service'),
        t('latency.calls', 'Successful calls'),
        t('latency.p50', 'Median'),
        t('latency.p95', '95th percentile'),
      ]}
      rows={rows.map((row) => ({
        key: row.service,
        testId: `llm-latency-${row.service}`,
        cells: [row.service, formatCount(row.calls), cell(row, 'p50Ms'), cell(row, 'p95Ms')],
      }))}
    />
  );
};
