import { Box, Button, Flex, Grid, Link, Loader, Modal, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { useAPIErrorHandler } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import type { LogAttempt, RequestLogDetail } from '../../../../shared/contracts/request-log';
import { InlineLoadError } from '../../components/InlineLoadError';
import { useFormat, type Format } from '../../hooks/useFormat';
import { msg, useTranslate, type Message, type Translate } from '../../hooks/useTranslate';
import { useGetLlmRequestLogEntryQuery } from '../../services/request-log';
import { refLabel, sizeOf, StatusBadge, userLabel } from './cells';

const KINDS: Record<LogAttempt['kind'], Message> = {
  first: msg('requestLog.attempt.first', 'First attempt'),
  retry: msg('requestLog.attempt.retry', 'Retry'),
  fallback: msg('requestLog.attempt.fallback', 'Fallback'),
  step: msg('requestLog.attempt.step', 'Tool step'),
};

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <Grid.Item col={6} s={12} direction="column" alignItems="flex-start">
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Box style={{ overflowWrap: 'anywhere' }}>
      {typeof children === 'string' ? <Typography>{children}</Typography> : children}
    </Box>
  </Grid.Item>
);

const yesNo = (t: Translate, value: boolean) =>
  value ? t('requestLog.yes', 'yes') : t('requestLog.no', 'no');
const ms = (t: Translate, format: Format, value: number | null) =>
  value === null ? '—' : t('requestLog.ms', '{ms} ms', { ms: format.number(value) });

const Attempts = ({ attempts, current }: { attempts: LogAttempt[]; current: number }) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="llm-log-attempts">
      {attempts.map((attempt) => (
        <Flex
          key={attempt.id}
          gap={3}
          wrap="wrap"
          padding={2}
          hasRadius
          background={attempt.id === current ? 'primary100' : 'neutral100'}
          data-testid="llm-log-attempt"
        >
          <Typography fontWeight="bold">{t(KINDS[attempt.kind])}</Typography>
          <Typography>{format.dateTime(attempt.occurredAt)}</Typography>
          <StatusBadge status={attempt.status} />
          <Typography>{refLabel(t, attempt.configuration, refLabel(t, attempt.model))}</Typography>
          {attempt.errorCode && <Typography textColor="danger600">{attempt.errorCode}</Typography>}
          <Typography>{format.usd(attempt.costUsd)}</Typography>
          <Typography>{ms(t, format, attempt.latencyMs)}</Typography>
        </Flex>
      ))}
    </Flex>
  );
};

/** Who made the call, with what, and how it ended. */
const CallFields = ({ detail }: { detail: RequestLogDetail }) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <Grid.Root gap={4}>
      <Field label={t('requestLog.field.requestId', 'Request id')}>{detail.requestId}</Field>
      <Field label={t('requestLog.column.time', 'Time')}>
        {format.dateTime(detail.occurredAt)}
      </Field>
      <Field label={t('requestLog.column.status', 'Status')}>
        <StatusBadge status={detail.status} />
      </Field>
      <Field label={t('requestLog.field.error', 'Error')}>
        {detail.errorCode ? `${detail.errorCode}: ${detail.errorMessage ?? ''}` : '—'}
      </Field>
      <Field label={t('requestLog.field.provider', 'Provider')}>
        {`${refLabel(t, detail.provider)}${detail.adapter ? ` (${detail.adapter})` : ''}`}
      </Field>
      <Field label={t('requestLog.column.model', 'Model')}>
        {`${refLabel(t, detail.model, detail.modelKey)}${detail.modelKey ? ` · ${detail.modelKey}` : ''}`}
      </Field>
      <Field label={t('requestLog.field.configuration', 'Configuration')}>
        {refLabel(t, detail.configuration)}
      </Field>
      <Field label={t('requestLog.field.fallbackFrom', 'Fallback from')}>
        {refLabel(t, detail.fallbackFrom)}
      </Field>
      <Field label={t('requestLog.column.task', 'Task')}>{refLabel(t, detail.task)}</Field>
      <Field label={t('requestLog.column.service', 'Service')}>{detail.service}</Field>
      <Field label={t('requestLog.column.source', 'Source')}>{detail.source ?? '—'}</Field>
      <Field label={t('requestLog.column.user', 'User')}>
        {`${userLabel(t, detail)}${detail.user?.email ? ` <${detail.user.email}>` : ''}`}
      </Field>
      <Field label={t('requestLog.field.apiToken', 'API token')}>
        {refLabel(t, detail.apiToken)}
      </Field>
      <Field label={t('requestLog.field.endUser', 'End user')}>{detail.endUser ?? '—'}</Field>
    </Grid.Root>
  );
};

/** What the call used and cost, where it ran for, and what the caller attached. */
const UsageFields = ({ detail }: { detail: RequestLogDetail }) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <Grid.Root gap={4}>
      <Field label={t('requestLog.column.tokens', 'Tokens in → out')}>
        {`${sizeOf(format, t, detail)}${detail.tokensEstimated ? ` (${t('requestLog.estimated', 'estimated')})` : ''}`}
      </Field>
      <Field label={t('requestLog.field.cache', 'Cache read / write, reasoning')}>
        {`${format.number(detail.cacheReadTokens)} / ${format.number(detail.cacheWriteTokens)}, ${format.number(detail.reasoningTokens)}`}
      </Field>
      <Field label={t('requestLog.column.cost', 'Cost')}>
        {`${format.usd(detail.costUsd)} (${detail.priceSource})`}
      </Field>
      <Field label={t('requestLog.field.cacheSavings', 'Saved by the cache')}>
        {detail.cacheSavingsUsd ? format.usd(detail.cacheSavingsUsd) : '—'}
      </Field>
      <Field label={t('requestLog.column.latency', 'Latency')}>
        {ms(t, format, detail.latencyMs)}
      </Field>
      <Field label={t('requestLog.field.ttft', 'Time to first token')}>
        {ms(t, format, detail.ttftMs)}
      </Field>
      <Field label={t('requestLog.field.streamed', 'Streamed')}>{yesNo(t, detail.streamed)}</Field>
      <Field label={t('requestLog.field.seeded', 'Seeded (demo data)')}>
        {yesNo(t, detail.seeded)}
      </Field>
      <Field label={t('requestLog.field.entry', 'Entry')}>
        {detail.entry && detail.entryPath ? (
          <Link tag={NavLink} to={detail.entryPath} data-testid="llm-log-entry-link">
            {`${detail.entry.uid} · ${detail.entry.documentId}${detail.entry.locale ? ` (${detail.entry.locale})` : ''}`}
          </Link>
        ) : (
          '—'
        )}
      </Field>
      <Field label={t('requestLog.field.metadata', 'Metadata')}>
        {detail.metadata === null ? (
          '—'
        ) : (
          <Typography tag="pre" style={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace' }}>
            {JSON.stringify(detail.metadata, null, 2)}
          </Typography>
        )}
      </Field>
    </Grid.Root>
  );
};

/** One row, whole: every stored field, the entry link and the attempts of its logical call. */
export const DetailModal = ({ id, onClose }: { id: number | null; onClose: () => void }) => {
  const t = useTranslate();
  const { formatAPIError } = useAPIErrorHandler();
  const query = useGetLlmRequestLogEntryQuery(id ?? 0, { skip: id === null });
  const detail = query.currentData;
  return (
    <Modal.Root open={id !== null} onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content data-testid="llm-log-detail">
        <Modal.Header>
          <Modal.Title>{t('requestLog.detail.title', 'Request details')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {query.error ? (
            <InlineLoadError
              message={t('requestLog.detail.error', 'The request could not be loaded: {reason}', {
                reason: formatAPIError(query.error as Parameters<typeof formatAPIError>[0]),
              })}
              onRetry={query.refetch}
            />
          ) : !detail ? (
            <Loader small>{t('requestLog.detail.loading', 'Loading the request…')}</Loader>
          ) : (
            <Flex direction="column" alignItems="stretch" gap={5}>
              <CallFields detail={detail} />
              <UsageFields detail={detail} />
              <Box>
                <Typography variant="delta" tag="h3">
                  {t('requestLog.attempts', 'Attempts of this call')}
                </Typography>
                <Box paddingTop={2}>
                  <Attempts attempts={detail.attempts} current={detail.id} />
                </Box>
              </Box>
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('requestLog.detail.close', 'Close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
