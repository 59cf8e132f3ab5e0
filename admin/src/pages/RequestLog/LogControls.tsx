import { Box, Button, Flex, LinkButton, Tag, TextInput, Typography } from '@strapi/design-system';
import { Cross, Download } from '@strapi/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Filters, LogFilterKey, PeriodQuery } from '../../../../shared/analytics-query';
import { RANGE_KEYS, type RangeKey } from '../../../../shared/contracts/analytics';
import { msg, useTranslate, type Message } from '../../hooks/useTranslate';

const RANGES: Record<RangeKey, Message> = {
  '1d': msg('analytics.range.1d', '24 hours'),
  '7d': msg('analytics.range.7d', '7 days'),
  '30d': msg('analytics.range.30d', '30 days'),
  '90d': msg('analytics.range.90d', '90 days'),
  month: msg('analytics.range.month', 'This month'),
  '365d': msg('analytics.range.365d', '12 months'),
};

interface PeriodProps {
  period: PeriodQuery;
  searchFor: (to: PeriodQuery) => string;
  setPeriod: (to: PeriodQuery) => void;
}

const DateInput = ({
  name,
  label,
  value,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) => (
  <Box width="16rem">
    <TextInput
      type="date"
      name={name}
      aria-label={label}
      placeholder={label}
      size="S"
      value={value}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
      data-testid={`llm-log-${name}`}
    />
  </Box>
);

/** The period: all calls, a named range (links, as on Analytics), or from–to local dates. */
export const PeriodPicker = ({ period, searchFor, setPeriod }: PeriodProps) => {
  const t = useTranslate();
  const [from, setFrom] = useState(period.from ?? '');
  const [to, setTo] = useState(period.to ?? '');
  const all = !period.range && period.from === undefined && period.to === undefined;
  const link = (key: RangeKey | null, label: string) => (
    <LinkButton
      key={key ?? 'all'}
      tag={Link}
      to={searchFor(key ? { range: key } : {})}
      size="S"
      variant={(key ? period.range === key : all) ? 'default' : 'tertiary'}
      data-testid={`llm-log-range-${key ?? 'all'}`}
    >
      {label}
    </LinkButton>
  );
  return (
    <Flex gap={2} wrap="wrap" alignItems="center">
      <nav aria-label={t('analytics.range.label', 'Date range')}>
        <Flex gap={2} wrap="wrap">
          {link(null, t('requestLog.range.all', 'All'))}
          {RANGE_KEYS.map((key) => link(key, t(RANGES[key])))}
        </Flex>
      </nav>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setPeriod({ from: from || undefined, to: to || undefined });
        }}
      >
        <Flex gap={2} wrap="wrap" alignItems="center">
          <DateInput
            name="from"
            label={t('requestLog.from', 'From')}
            value={from}
            onChange={setFrom}
          />
          <DateInput name="to" label={t('requestLog.to', 'To')} value={to} onChange={setTo} />
          <Button type="submit" size="S" variant="secondary" disabled={!from && !to}>
            {t('requestLog.apply', 'Apply')}
          </Button>
        </Flex>
      </form>
    </Flex>
  );
};

const FILTER_NAMES: Record<LogFilterKey, Message> = {
  provider: msg('requestLog.filter.provider', 'Provider'),
  model: msg('requestLog.column.model', 'Model'),
  configuration: msg('requestLog.field.configuration', 'Configuration'),
  task: msg('requestLog.column.task', 'Task'),
  user: msg('requestLog.column.user', 'User'),
  role: msg('requestLog.filter.role', 'Role'),
  apiToken: msg('requestLog.field.apiToken', 'API token'),
  source: msg('requestLog.column.source', 'Source'),
  contentType: msg('requestLog.filter.contentType', 'Content type'),
  service: msg('requestLog.column.service', 'Service'),
  status: msg('requestLog.column.status', 'Status'),
  errorCode: msg('requestLog.filter.errorCode', 'Error code'),
  entry: msg('requestLog.field.entry', 'Entry'),
  tag: msg('requestLog.filter.tag', 'Tag'),
};

/** The filters in force as removable chips, named as the cell clicked named them. */
export const FilterChips = ({
  filters,
  labels,
  onRemove,
  onClear,
}: {
  filters: Filters<LogFilterKey>;
  labels: Map<string, string>;
  onRemove: (key: LogFilterKey, value: string) => void;
  onClear: () => void;
}) => {
  const t = useTranslate();
  const chips = (Object.entries(filters) as Array<[LogFilterKey, string[]]>).flatMap(
    ([key, values]) => values.map((value) => ({ key, value }))
  );
  if (chips.length === 0) return null;
  return (
    <Flex gap={2} wrap="wrap" alignItems="center" data-testid="llm-log-chips">
      <Typography variant="pi" textColor="neutral600">
        {t('requestLog.filters', 'Filters:')}
      </Typography>
      {chips.map(({ key, value }) => (
        <Tag
          key={`${key}=${value}`}
          icon={<Cross aria-hidden />}
          onClick={() => onRemove(key, value)}
          aria-label={t('requestLog.filter.remove', 'Remove the filter {name}: {value}', {
            name: t(FILTER_NAMES[key]),
            value: labels.get(`${key}=${value}`) ?? value,
          })}
          data-testid={`llm-log-chip-${key}`}
        >
          {`${t(FILTER_NAMES[key])}: ${labels.get(`${key}=${value}`) ?? value}`}
        </Tag>
      ))}
      <Button variant="ghost" size="S" onClick={onClear}>
        {t('requestLog.filter.clear', 'Clear filters')}
      </Button>
    </Flex>
  );
};

export const ExportButton = ({ onExport }: { onExport: () => Promise<void> }) => {
  const t = useTranslate();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      startIcon={<Download />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        await onExport();
        setBusy(false);
      }}
      data-testid="llm-log-export"
    >
      {t('requestLog.export', 'Export CSV')}
    </Button>
  );
};
