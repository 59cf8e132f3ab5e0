import { Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { AnalyticsDocument, LatencyFigures } from '../../../../shared/contracts/analytics';
import { formatCount } from '../../../../shared/format';
import { getTranslation } from '../../utils/getTranslation';

const ms = (value: number | null, calls: number) =>
  calls === 0 ? '–' : value === null ? '> 820 s' : `≤ ${value.toLocaleString('en-US')} ms`;

/** Median and p95 latency per service: a chat and an embedding are not comparable, so they are shown apart. */
export const LatencyTable = ({ rows }: { rows: AnalyticsDocument['latencyByService'] }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(id), defaultMessage });
  if (rows.length === 0) return null;
  const cell = (figures: LatencyFigures, pick: 'p50Ms' | 'p95Ms') =>
    ms(figures[pick], figures.calls);
  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="filterShadow"
      padding={4}
      data-testid="llm-latency"
    >
      <Typography variant="delta" tag="h2">
        {t('latency.title', 'Latency by service')}
      </Typography>
      <Box paddingTop={1}>
        <Typography variant="pi" textColor="neutral600">
          {t(
            'latency.subtitle',
            'Successful calls only. Each figure is rounded up to a step of a 12-per-decade scale.'
          )}
        </Typography>
      </Box>
      <Box paddingTop={3}>
        <Table colCount={4} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('latency.service', 'Service')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('latency.calls', 'Successful calls')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('latency.p50', 'Median')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('latency.p95', '95th percentile')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((row) => (
              <Tr key={row.service} data-testid={`llm-latency-${row.service}`}>
                <Td>
                  <Typography>{row.service}</Typography>
                </Td>
                <Td>
                  <Typography>{formatCount(row.calls)}</Typography>
                </Td>
                <Td>
                  <Typography>{cell(row, 'p50Ms')}</Typography>
                </Td>
                <Td>
                  <Typography>{cell(row, 'p95Ms')}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Box>
    </Box>
  );
};
