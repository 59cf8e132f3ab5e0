import { Box, Flex, Typography } from '@strapi/design-system';
import { InlineLoadError } from '../components/InlineLoadError';
import type { EntryUsage } from '../../../shared/contracts/entries';
import { useFormat } from '../hooks/useFormat';
import { useTranslate } from '../hooks/useTranslate';
import { PLUGIN_ID } from '../pluginId';
import { useGetLlmEntryUsageQuery } from '../services/content-manager';
import { volumeText } from '../list-columns/unitText';
import { RecentCalls } from './entry-usage/RecentCalls';
import type { PanelProps } from './types';
import { errorStatus, useErrorMessage } from './useErrorMessage';

const Figure = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Flex direction="column" alignItems="flex-start">
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography variant="omega" fontWeight="bold" data-testid={testId}>
      {value}
    </Typography>
  </Flex>
);

type Line = { key: string; label: string; costUsd: string; requests: number };

const Lines = ({ title, rows, testId }: { title: string; rows: Line[]; testId: string }) => {
  const t = useTranslate();
  const format = useFormat();
  return rows.length === 0 ? null : (
    <Box width="100%">
      <Typography variant="sigma" textColor="neutral600">
        {title}
      </Typography>
      <Box tag="ul" data-testid={testId}>
        {rows.map((row) => (
          <Flex key={row.key} tag="li" justifyContent="space-between" gap={2}>
            <Typography variant="pi">{row.label}</Typography>
            <Typography variant="pi" textColor="neutral600">
              {t(
                'entryUsage.line',
                '{cost} · {count, plural, one {{calls} call} other {{calls} calls}}',
                {
                  cost: format.usd(row.costUsd),
                  count: row.requests,
                  calls: format.count(row.requests),
                }
              )}
            </Typography>
          </Flex>
        ))}
      </Box>
    </Box>
  );
};

/** The entry's cost, calls and tokens, and the calls the cost leaves out. */
const Totals = ({ total }: { total: EntryUsage['total'] }) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <>
      <Flex gap={4} wrap="wrap">
        <Figure
          label={t('entryUsage.cost', 'Cost (est.)')}
          value={format.usd(total.costUsd)}
          testId="llm-entry-cost"
        />
        <Figure
          label={t('entryUsage.calls', 'Calls')}
          value={format.count(total.requests)}
          testId="llm-entry-calls"
        />
        <Figure
          label={
            total.tokens === 0 && (total.units ?? 0) > 0
              ? t('entryUsage.units', 'Used')
              : t('entryUsage.tokens', 'Tokens')
          }
          value={volumeText(total, t, format)}
          testId="llm-entry-tokens"
        />
      </Flex>
      {total.unpricedRequests > 0 && (
        <Typography variant="pi" textColor="warning600">
          {t(
            'entryUsage.unpriced',
            '{count, plural, one {# unpriced call is} other {# unpriced calls are}} not in the cost.',
            { count: total.unpricedRequests }
          )}
        </Typography>
      )}
    </>
  );
};

const PanelContent = ({ usage }: { usage: EntryUsage }) => {
  const t = useTranslate();
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      width="100%"
      data-testid="llm-entry-usage"
    >
      <Totals total={usage.total} />
      {usage.byLocale.length > 1 && (
        <Lines
          title={t('entryUsage.byLocale', 'By locale')}
          testId="llm-entry-locales"
          rows={usage.byLocale.map((l) => ({
            key: l.locale ?? '',
            label: l.locale ?? t('entryUsage.noLocale', '(no locale)'),
            costUsd: l.costUsd,
            requests: l.requests,
          }))}
        />
      )}
      <Lines
        title={t('entryUsage.byTask', 'By task')}
        testId="llm-entry-tasks"
        rows={usage.byTask.map((task) => ({
          key: String(task.taskId ?? 0),
          label: task.task,
          costUsd: task.costUsd,
          requests: task.requests,
        }))}
      />
      <RecentCalls calls={usage.recent} />
    </Flex>
  );
};

/**
 * The "AI usage" side panel of the Content Manager edit view, for every content type: what this
 * entry's LLM calls cost. The server answers only to those who may read the entry; the panel is
 * hidden when the entry has no usage (or the reader may not see it), and says so when it failed.
 */
export const EntryUsagePanel = ({ model, documentId }: PanelProps) => {
  const t = useTranslate();
  const message = useErrorMessage();
  const skip = !documentId || model.startsWith(`plugin::${PLUGIN_ID}.`);
  const { data, error, refetch } = useGetLlmEntryUsageQuery(
    { uid: model, documentId: documentId ?? '' },
    { skip }
  );
  if (skip) return null;
  const title = t('entryUsage.title', 'AI usage');
  // A reader who may not read the entry's usage sees no panel, as for an entry without usage.
  if (error && errorStatus(error) !== 403)
    return {
      title,
      content: (
        <InlineLoadError
          message={message(error)}
          onRetry={refetch}
          testId="llm-entry-usage-error"
        />
      ),
    };
  if (!data) return null;
  return { title, content: <PanelContent usage={data} /> };
};
