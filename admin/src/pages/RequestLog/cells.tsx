import { Badge, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { CallStatus, LogFilterKey } from '../../../../shared/analytics-query';
import type { LogRef, RequestLogRow } from '../../../../shared/contracts/request-log';
import type { Format } from '../../hooks/useFormat';
import { msg, useTranslate, type Message, type Translate } from '../../hooks/useTranslate';

/** Adds a filter: a value in a cell is a way to narrow the log to it. */
export type OnFilter = (key: LogFilterKey, value: string, label: string) => void;

const BADGE: Record<CallStatus, { background: string; text: string; label: Message }> = {
  success: {
    background: 'success100',
    text: 'success700',
    label: msg('requestLog.status.success', 'Success'),
  },
  failure: {
    background: 'danger100',
    text: 'danger700',
    label: msg('requestLog.status.failure', 'Failed'),
  },
  blocked: {
    background: 'warning100',
    text: 'warning700',
    label: msg('requestLog.status.blocked', 'Blocked'),
  },
  denied: {
    background: 'neutral150',
    text: 'neutral800',
    label: msg('requestLog.status.denied', 'Not allowed'),
  },
};

export const statusLabel = (t: Translate, status: CallStatus) => t(BADGE[status].label);

const UNITS: Record<NonNullable<RequestLogRow['unitKind']>, Message> = {
  images: msg('requestLog.units.images', '{count} images'),
  characters: msg('requestLog.units.characters', '{count} characters'),
  seconds: msg('requestLog.units.seconds', '{count} s'),
};

export const StatusBadge = ({ status }: { status: CallStatus }) => {
  const t = useTranslate();
  const colors = BADGE[status];
  return (
    <Badge backgroundColor={colors.background} textColor={colors.text}>
      {t(colors.label)}
    </Badge>
  );
};

/** A cell value that filters the log by itself when clicked (the row's own click opens the detail). */
export const FilterValue = ({
  filter,
  value,
  label,
  onFilter,
  children,
}: {
  filter: LogFilterKey;
  value: string;
  label: string;
  onFilter: OnFilter;
  children?: ReactNode;
}) => {
  const t = useTranslate();
  return (
    <Typography
      tag="button"
      type="button"
      textColor="primary600"
      title={t('requestLog.filterBy', 'Show only {label}', { label })}
      onClick={(event: React.MouseEvent) => {
        event.stopPropagation();
        onFilter(filter, value, label);
      }}
      style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', textAlign: 'left' }}
      data-testid={`llm-log-filter-${filter}`}
    >
      {children ?? label}
    </Typography>
  );
};

/** A record's name now, else its id (deleted since the call). */
export const refLabel = (t: Translate, ref: LogRef | null, fallback?: string | null) =>
  ref
    ? (ref.name ?? t('requestLog.deleted', '#{id} (deleted)', { id: ref.id }))
    : (fallback ?? '—');

export const userLabel = (t: Translate, row: RequestLogRow) =>
  row.user ? refLabel(t, row.user) : t('requestLog.system', 'system');

/** A call's units: tokens in → out for text, or images, characters, seconds. */
export function sizeOf(format: Format, t: Translate, row: RequestLogRow): string {
  if (row.unitKind) return t(UNITS[row.unitKind], { count: format.count(row.units) });
  return `${format.count(row.inputTokens)} → ${format.count(row.outputTokens)}`;
}

export const Muted = ({ children }: { children: ReactNode }) => (
  <Flex>
    <Typography textColor="neutral600">{children}</Typography>
  </Flex>
);
