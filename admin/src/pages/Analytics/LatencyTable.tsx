import type { AnalyticsDocument, LatencyFigures } from '../../../../shared/contracts/analytics';
import { useFormat, type Format } from '../../hooks/useFormat';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import { TableSection } from './TableSection';

/** The scale's last step: a latency past it is only known to be longer. */
const BEYOND_SECONDS = 820;

const ms = (value: number | null, calls: number, t: Translate, f: Format) =>
  calls === 0
    ? '–'
    : value === null
      ? t('latency.beyond', '> {value} s', { value: BEYOND_SECONDS })
      : t('latency.atMost', '≤ {value} ms', { value: f.number(value) });

const cell = (figures: LatencyFigures, pick: 'p50Ms' | 'p95Ms', t: Translate, f: Format) =>
  ms(figures[pick], figures.calls, t, f);

/** Median and p95 latency per service: a chat and an embedding are not comparable, so they are shown apart. */
export const LatencyTable = ({ rows }: { rows: AnalyticsDocument['latencyByService'] }) => {
  const t = useTranslate();
  const f = useFormat();
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
        cells: [
          row.service,
          f.number(row.calls),
          cell(row, 'p50Ms', t, f),
          cell(row, 'p95Ms', t, f),
        ],
      }))}
    />
  );
};
