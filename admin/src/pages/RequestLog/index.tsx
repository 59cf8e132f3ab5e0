import { Box, Button, EmptyStateLayout, Flex, Loader, Typography } from '@strapi/design-system';
import { ArrowLeft, ArrowRight } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useCallback, useState } from 'react';
import type { LogFilterKey } from '../../../../shared/analytics-query';
import { Card } from '../../components/Card';
import { useTranslate } from '../../hooks/useTranslate';
import { PERMISSIONS } from '../../permissions';
import { LoadError } from '../Analytics/PageStates';
import type { OnFilter } from './cells';
import { DetailModal } from './DetailModal';
import { LogTable } from './LogTable';
import { ExportButton, FilterChips, PeriodPicker } from './LogControls';
import { useRequestLog } from './useRequestLog';

const Paging = ({ log }: { log: ReturnType<typeof useRequestLog> }) => {
  const t = useTranslate();
  return (
    <Flex gap={2} justifyContent="flex-end" paddingTop={3}>
      <Button
        variant="tertiary"
        startIcon={<ArrowLeft />}
        disabled={log.isFirstPage}
        onClick={log.previous}
        data-testid="llm-log-previous"
      >
        {t('requestLog.previous', 'Previous')}
      </Button>
      <Button
        variant="tertiary"
        endIcon={<ArrowRight />}
        disabled={!log.page.data?.nextCursor || log.page.isFetching}
        onClick={log.next}
        data-testid="llm-log-next"
      >
        {t('requestLog.next', 'Next')}
      </Button>
    </Flex>
  );
};

/** The page of calls, or why there is none: loading, failed (with Retry), or nothing matches. */
const LogBody = ({
  log,
  onFilter,
  onOpen,
}: {
  log: ReturnType<typeof useRequestLog>;
  onFilter: OnFilter;
  onOpen: (id: number) => void;
}) => {
  const t = useTranslate();
  const { currentData: page, error, isFetching, refetch } = log.page;
  if (error) return <LoadError error={error} onRetry={refetch} busy={isFetching} />;
  if (!page)
    return (
      <Card>
        <Flex justifyContent="center" padding={6}>
          <Loader>{t('requestLog.loading', 'Loading the calls…')}</Loader>
        </Flex>
      </Card>
    );
  if (page.rows.length === 0)
    return (
      <Card data-testid="llm-log-empty">
        <EmptyStateLayout
          content={t('requestLog.empty', 'No calls match this period and these filters.')}
        />
      </Card>
    );
  return (
    <Box data-testid="llm-log" aria-busy={isFetching}>
      <LogTable
        rows={page.rows}
        sort={log.sort}
        order={log.order}
        onSort={log.setSort}
        onFilter={onFilter}
        onOpen={onOpen}
      />
      <Paging log={log} />
    </Box>
  );
};

/** The request log: every metered call, newest first, filtered by clicking what it shows. */
const RequestLogPage = () => {
  const t = useTranslate();
  const log = useRequestLog();
  const [open, setOpen] = useState<number | null>(null);
  // Chip names for the ids the URL filters by, as the clicked cell named them.
  const [labels, setLabels] = useState(() => new Map<string, string>());
  const onFilter = useCallback(
    (key: LogFilterKey, value: string, label: string) => {
      setLabels((current) => new Map(current).set(`${key}=${value}`, label));
      log.addFilter(key, value);
    },
    [log]
  );

  return (
    <Page.Main>
      <Page.Title>{t('requestLog.pageTitle', 'LLM request log')}</Page.Title>
      <Layouts.Header
        title={t('requestLog.title', 'Request log')}
        subtitle={t(
          'requestLog.subtitle',
          'Every call through the gateway, newest first. Click a value to filter by it, a row for its details.'
        )}
        primaryAction={<ExportButton onExport={log.download} />}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <PeriodPicker period={log.period} searchFor={log.searchFor} setPeriod={log.setPeriod} />
          <FilterChips
            filters={log.filters}
            labels={labels}
            onRemove={log.removeFilter}
            onClear={log.clearFilters}
          />
          <LogBody log={log} onFilter={onFilter} onOpen={setOpen} />
          <Typography variant="pi" textColor="neutral600">
            {t(
              'requestLog.note',
              'Costs are exact, at the prices in force when each call ran; an unpriced call shows as unpriced, never as $0.'
            )}
          </Typography>
        </Flex>
      </Layouts.Content>
      <DetailModal id={open} onClose={() => setOpen(null)} />
    </Page.Main>
  );
};

export const ProtectedRequestLogPage = () => (
  <Page.Protect permissions={PERMISSIONS.analytics}>
    <RequestLogPage />
  </Page.Protect>
);
