import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { EntryUsage, GetEntryUsage } from '../../../shared/contracts/entries';
import { formatCount, formatUsd } from '../../../shared/format';
import { useTranslate } from '../hooks/useTranslate';
import { PLUGIN_ID } from '../pluginId';
import type { PanelProps } from './types';

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
                  cost: formatUsd(row.costUsd),
                  count: row.requests,
                  calls: formatCount(row.requests),
                }
              )}
            </Typography>
          </Flex>
        ))}
      </Box>
    </Box>
  );
};

const RecentCalls = ({ calls }: { calls: EntryUsage['recent'] }) => {
  const t = useTranslate();
  return (
    <Box width="100%">
      <Typography variant="sigma" textColor="neutral600">
        {t('entryUsage.recent', 'Last calls')}
      </Typography>
      <Box tag="ul" data-testid="llm-entry-recent">
        {calls.map((call) => (
          <Box tag="li" key={call.requestId} paddingTop={1}>
            <Typography variant="pi" display="block">
              {new Date(call.occurredAt).toLocaleString()} · {call.user}
            </Typography>
            <Typography variant="pi" textColor="neutral600" display="block">
              {call.model}
              {call.task ? ` · ${call.task}` : ''} ·{' '}
              {call.success ? formatUsd(call.costUsd) : t('entryUsage.failed', 'failed')}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
};

/** The entry's cost, calls and tokens, and the calls the cost leaves out. */
const Totals = ({ total }: { total: EntryUsage['total'] }) => {
  const t = useTranslate();
  return (
    <>
      <Flex gap={4} wrap="wrap">
        <Figure
          label={t('entryUsage.cost', 'Cost (est.)')}
          value={formatUsd(total.costUsd)}
          testId="llm-entry-cost"
        />
        <Figure
          label={t('entryUsage.calls', 'Calls')}
          value={formatCount(total.requests)}
          testId="llm-entry-calls"
        />
        <Figure
          label={t('entryUsage.tokens', 'Tokens')}
          value={formatCount(total.tokens)}
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
 * hidden when the entry has no usage (or the reader may not see it).
 */
export const EntryUsagePanel = ({ model, documentId }: PanelProps) => {
  const t = useTranslate();
  const { get } = useFetchClient();
  const [usage, setUsage] = useState<EntryUsage | null>(null);
  const skip = !documentId || model.startsWith(`plugin::${PLUGIN_ID}.`);

  useEffect(() => {
    if (skip) return;
    let live = true;
    get<GetEntryUsage.Response>(`/${PLUGIN_ID}/entries/${model}/${documentId}/usage`)
      .then(({ data }) => live && setUsage(data.data))
      .catch(() => live && setUsage(null));
    return () => {
      live = false;
    };
  }, [get, model, documentId, skip]);

  if (skip || !usage) return null;
  return { title: t('entryUsage.title', 'AI usage'), content: <PanelContent usage={usage} /> };
};
