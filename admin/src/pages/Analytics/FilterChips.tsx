import { Flex, Tag, TextButton, Typography } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import type { ActiveFilter } from '../../../../shared/contracts/analytics';
import { msg, useTranslate, type Message } from '../../hooks/useTranslate';

/** What each filter narrows by, before the value's name on its chip ("Model: GPT-4o mini"). */
const KEY_LABELS: Record<ActiveFilter['key'], Message> = {
  provider: msg('analytics.figure.provider', 'Provider'),
  model: msg('analytics.figure.model', 'Model'),
  configuration: msg('analytics.figure.configuration', 'Configuration'),
  task: msg('analytics.figure.task', 'Task'),
  user: msg('analytics.users.user', 'User'),
  role: msg('analytics.users.role', 'Role'),
  apiToken: msg('analytics.figure.apiToken', 'API token'),
  source: msg('analytics.figure.source', 'Source'),
  contentType: msg('analytics.figure.contentType', 'Content type'),
  service: msg('analytics.figure.service', 'Service'),
  status: msg('analytics.filters.status', 'Status'),
  errorCode: msg('analytics.figure.errorCode', 'Error code'),
  entry: msg('analytics.filters.entry', 'Entry'),
  tag: msg('analytics.figure.tag', 'Tag'),
};

/**
 * The filters in force, as the server named them: one removable chip each (a button that says
 * what it removes), and Clear all. Nothing at all without filters.
 */
export const FilterChips = ({
  filters,
  onRemove,
  onClear,
}: {
  filters: ActiveFilter[];
  onRemove: (filter: ActiveFilter) => void;
  onClear: () => void;
}) => {
  const t = useTranslate();
  if (filters.length === 0) return null;
  return (
    <Flex
      gap={2}
      wrap="wrap"
      alignItems="center"
      role="group"
      aria-label={t('analytics.filters.label', 'Filters')}
      data-testid="llm-filters"
    >
      <Typography variant="pi" fontWeight="bold" textColor="neutral700">
        {t('analytics.filters.label', 'Filters')}
      </Typography>
      {filters.map((filter) => {
        const text = t('analytics.filters.chip', '{key}: {value}', {
          key: t(KEY_LABELS[filter.key]),
          value: filter.label,
        });
        return (
          <Tag
            key={`${filter.key}=${filter.value}`}
            icon={<Cross aria-hidden />}
            label={t('analytics.filters.remove', 'Remove the filter {filter}', { filter: text })}
            onClick={() => onRemove(filter)}
            data-testid="llm-filter-chip"
            data-filter={`${filter.key}=${filter.value}`}
            style={{ maxWidth: '100%' }}
          >
            {text}
          </Tag>
        );
      })}
      <TextButton onClick={onClear} data-testid="llm-filters-clear">
        {t('analytics.filters.clear', 'Clear all')}
      </TextButton>
    </Flex>
  );
};
