import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { EntryCall, EntryUsage } from '../../../../shared/contracts/entries';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { unitText } from '../../list-columns/unitText';
import { groupRetries } from './calls';

/** A long provider message is cut in the panel (the whole of it is in the usage ledger). */
const MESSAGE_LENGTH = 200;

/** Why a call failed: the gateway's error code and the message. */
const Reason = ({ call }: { call: EntryCall }) => {
  const t = useTranslate();
  const message = call.errorMessage ?? '';
  return (
    <Typography
      variant="pi"
      textColor="danger600"
      display="block"
      data-testid="llm-entry-call-reason"
      style={{ overflowWrap: 'anywhere' }}
    >
      {t('entryUsage.reason', '{code}: {message}', {
        code: call.errorCode ?? t('entryUsage.unknownError', 'error'),
        message: message.length > MESSAGE_LENGTH ? `${message.slice(0, MESSAGE_LENGTH)}…` : message,
      })}
    </Typography>
  );
};

/** A failed attempt the call above it retried. */
const Retry = ({ call }: { call: EntryCall }) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <Box tag="li" paddingLeft={3} paddingTop={1} data-testid="llm-entry-retry">
      <Flex gap={2} wrap="wrap">
        <Badge>{t('entryUsage.retry', 'retry')}</Badge>
        <Typography variant="pi" textColor="neutral600">
          {t('entryUsage.retried', 'Failed at {time}, then retried', {
            time: format.dateTime(call.occurredAt),
          })}
        </Typography>
      </Flex>
      <Reason call={call} />
    </Box>
  );
};

const Call = ({ call, retries }: { call: EntryCall; retries: EntryCall[] }) => {
  const t = useTranslate();
  const format = useFormat();
  const what = [
    call.model,
    call.task,
    call.units > 0 ? unitText(call.units, call.unitKind, t, format) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box tag="li" paddingTop={2} data-testid="llm-entry-call" data-success={call.success}>
      <Typography variant="pi" display="block">
        {t('entryUsage.when', '{time} · {user}', {
          time: format.dateTime(call.occurredAt),
          user: call.user,
        })}
      </Typography>
      <Typography variant="pi" textColor="neutral600" display="block">
        {call.success
          ? t('entryUsage.call', '{what} · {cost}', { what, cost: format.usd(call.costUsd) })
          : t('entryUsage.failedCall', '{what} · failed', { what })}
      </Typography>
      {!call.success && <Reason call={call} />}
      {retries.length > 0 && (
        <Box tag="ul" aria-label={t('entryUsage.retries', 'Retried attempts')}>
          {retries.map((retry) => (
            <Retry key={retry.requestId} call={retry} />
          ))}
        </Box>
      )}
    </Box>
  );
};

/** The entry's last calls, newest first; a retried failure under the call that retried it. */
export const RecentCalls = ({ calls }: { calls: EntryUsage['recent'] }) => {
  const t = useTranslate();
  return (
    <Box width="100%">
      <Typography variant="sigma" textColor="neutral600">
        {t('entryUsage.recent', 'Last calls')}
      </Typography>
      <Box tag="ul" data-testid="llm-entry-recent">
        {groupRetries(calls).map(({ call, retries }) => (
          <Call key={call.requestId} call={call} retries={retries} />
        ))}
      </Box>
    </Box>
  );
};
