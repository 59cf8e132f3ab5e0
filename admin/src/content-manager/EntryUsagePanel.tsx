import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { EntryUsage, GetEntryUsage } from '../../../shared/contracts/entries';
import { formatCount, formatUsd } from '../../../shared/format';
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

const Lines = ({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: Array<{ key: string; label: string; costUsd: string; requests: number }>;
  testId: string;
}) =>
  rows.length === 0 ? null : (
    <Box width="100%">
      <Typography variant="sigma" textColor="neutral600">
        {title}
      </Typography>
      <Box tag="ul" data-testid={testId}>
        {rows.map((row) => (
          <Flex key={row.key} tag="li" justifyContent="space-between" gap={2}>
            <Typography variant="pi">{row.label}</Typography>
            <Typography variant="pi" textColor="neutral600">
              {formatUsd(row.costUsd)} · {formatCount(row.requests)} calls
            </Typography>
          </Flex>
        ))}
      </Box>
    </Box>
  );

const PanelContent = ({ usage }: { usage: EntryUsage }) => (
  <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="llm-entry-usage">
    <Flex gap={4} wrap="wrap">
      <Figure label="Cost (est.)" value={formatUsd(usage.total.costUsd)} testId="llm-entry-cost" />
      <Figure label="Calls" value={formatCount(usage.total.requests)} testId="llm-entry-calls" />
      <Figure label="Tokens" value={formatCount(usage.total.tokens)} testId="llm-entry-tokens" />
    </Flex>
    {usage.total.unpricedRequests > 0 && (
      <Typography variant="pi" textColor="warning600">
        {usage.total.unpricedRequests} unpriced call(s) are not in the cost.
      </Typography>
    )}
    {usage.byLocale.length > 1 && (
      <Lines
        title="By locale"
        testId="llm-entry-locales"
        rows={usage.byLocale.map((l) => ({
          key: l.locale ?? '',
          label: l.locale ?? '(no locale)',
          costUsd: l.costUsd,
          requests: l.requests,
        }))}
      />
    )}
    <Lines
      title="By task"
      testId="llm-entry-tasks"
      rows={usage.byTask.map((t) => ({
        key: String(t.taskId ?? 0),
        label: t.task,
        costUsd: t.costUsd,
        requests: t.requests,
      }))}
    />
    <Box width="100%">
      <Typography variant="sigma" textColor="neutral600">
        Last calls
      </Typography>
      <Box tag="ul" data-testid="llm-entry-recent">
        {usage.recent.map((call) => (
          <Box tag="li" key={call.requestId} paddingTop={1}>
            <Typography variant="pi" display="block">
              {new Date(call.occurredAt).toLocaleString()} · {call.user}
            </Typography>
            <Typography variant="pi" textColor="neutral600" display="block">
              {call.model}
              {call.task ? ` · ${call.task}` : ''} ·{' '}
              {call.success ? formatUsd(call.costUsd) : 'failed'}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  </Flex>
);

/**
 * The "AI usage" side panel of the Content Manager edit view, for every content type: what this
 * entry's LLM calls cost. The server answers only to those who may read the entry; the panel is
 * hidden when the entry has no usage (or the reader may not see it).
 */
export const EntryUsagePanel = ({ model, documentId }: PanelProps) => {
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
  return { title: 'AI usage', content: <PanelContent usage={usage} /> };
};
