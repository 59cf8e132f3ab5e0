import {
  Alert,
  Badge,
  Box,
  Button,
  Dialog,
  Flex,
  IconButton,
  Loader,
  Typography,
} from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { ConfirmDialog, useAPIErrorHandler } from '@strapi/strapi/admin';
import type { ListRateLimits, RateLimit } from '../../../../shared/contracts/rate-limits';
import { DataTable } from '../../components/DataTable';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import { RateLimitForm } from './RateLimitForm';
import { useRateLimits } from './useRateLimits';

type Meta = ListRateLimits.Response['meta'];

/** Who a limit holds, by name where the server sent one. */
const appliesTo = (limit: RateLimit, meta: Meta, t: Translate) => {
  const id = String(limit.subjectId);
  const named = (items: Array<{ id: number; name: string }>) =>
    items.find((item) => item.id === limit.subjectId)?.name;
  switch (limit.scope) {
    case 'user':
      return named(meta.users) ?? t('budgets.appliesTo.userId', 'User {id}', { id });
    case 'role': {
      const role = named(meta.roles);
      return role
        ? t('budgets.appliesTo.role', 'Each {role}', { role })
        : t('budgets.appliesTo.roleId', 'Each role {id}', { id });
    }
    case 'apiToken':
      return t('budgets.appliesTo.apiToken', 'API token {name}', {
        name: named(meta.apiTokens) ?? id,
      });
    default:
      return t('rateLimits.appliesTo.configuration', 'Configuration {name}', {
        name: named(meta.configurations) ?? id,
      });
  }
};

const Table = ({
  data,
  meta,
  onEdit,
  onRemove,
}: ListRateLimits.Response & {
  onEdit: (limit: RateLimit) => void;
  onRemove: (limit: RateLimit) => void;
}) => {
  const t = useTranslate();
  const format = useFormat();
  const perMinute = (value: number | null | undefined) => (value ? format.number(value) : '—');
  return (
    <DataTable
      columns={[
        t('budgets.column.appliesTo', 'Applies to'),
        t('rateLimits.form.rpm', 'Requests per minute'),
        t('rateLimits.form.tpm', 'Tokens per minute'),
        t('budgets.column.actions', 'Actions'),
      ]}
      rows={data.map((limit) => {
        const who = appliesTo(limit, meta, t);
        return {
          key: limit.id,
          testId: 'llm-rate-limit-row',
          cells: [
            <Flex gap={2}>
              <Typography fontWeight="bold">{who}</Typography>
              {!limit.enabled && <Badge>{t('budgets.inactive', 'off')}</Badge>}
            </Flex>,
            perMinute(limit.requestsPerMinute),
            perMinute(limit.tokensPerMinute),
            <Flex gap={1}>
              <IconButton
                label={t('budgets.edit', 'Edit {name}', { name: who })}
                onClick={() => onEdit(limit)}
              >
                <Pencil />
              </IconButton>
              <IconButton
                label={t('budgets.delete', 'Delete {name}', { name: who })}
                onClick={() => onRemove(limit)}
              >
                <Trash />
              </IconButton>
            </Flex>,
          ],
        };
      })}
    />
  );
};

/** The list, or why it is not there: loading, failed (with a retry), or empty. */
const Body = ({ state }: { state: ReturnType<typeof useRateLimits> }) => {
  const t = useTranslate();
  const { _unstableFormatAPIError: formatAPIError } = useAPIErrorHandler();
  const { list } = state;
  if (list.isLoading)
    return <Loader small>{t('rateLimits.loading', 'Loading rate limits')}</Loader>;
  if (!list.data)
    return (
      <Alert
        variant="danger"
        closeLabel={t('budgets.form.closeError', 'Close')}
        title={t('rateLimits.loadFailed', 'The rate limits could not be loaded')}
        action={
          <Button variant="tertiary" onClick={() => void list.refetch()}>
            {t('budgets.retry', 'Retry')}
          </Button>
        }
      >
        {list.error ? formatAPIError(list.error as Parameters<typeof formatAPIError>[0]) : ''}
      </Alert>
    );
  if (list.data.data.length === 0)
    return (
      <Typography textColor="neutral600" data-testid="llm-rate-limits-empty">
        {t('rateLimits.empty', 'No rate limit yet: calls are not limited per minute.')}
      </Typography>
    );
  return <Table {...list.data} onEdit={state.setEditing} onRemove={state.setDeleting} />;
};

/** Rate limits on the Budgets page: requests and tokens per minute, checked before every call. */
export const RateLimitsSection = () => {
  const t = useTranslate();
  const state = useRateLimits();
  const { editing, deleting } = state;
  return (
    <Box paddingTop={8} data-testid="llm-rate-limits">
      <Flex justifyContent="space-between" alignItems="flex-end" paddingBottom={4} gap={4}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="beta" tag="h2">
            {t('rateLimits.title', 'Rate limits')}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {t(
              'rateLimits.subtitle',
              'Requests and tokens per minute, checked before every LLM call. Over a limit, a call is refused (429) until the minute ends.'
            )}
          </Typography>
        </Flex>
        <Button
          startIcon={<Plus />}
          variant="secondary"
          onClick={() => state.setEditing('new')}
          disabled={!state.list.data}
        >
          {t('rateLimits.add', 'Add a rate limit')}
        </Button>
      </Flex>
      <Body state={state} />
      {editing && state.list.data && (
        <RateLimitForm
          initial={editing === 'new' ? undefined : editing}
          meta={state.list.data.meta}
          onSubmit={state.save}
          onClose={() => state.setEditing(null)}
        />
      )}
      <Dialog.Root
        open={deleting !== null}
        onOpenChange={(open) => !open && state.setDeleting(null)}
      >
        <ConfirmDialog
          title={t('rateLimits.delete.title', 'Delete this rate limit?')}
          onConfirm={state.remove}
        >
          {t('rateLimits.delete.body', 'Calls will no longer be limited by it.')}
        </ConfirmDialog>
      </Dialog.Root>
    </Box>
  );
};
