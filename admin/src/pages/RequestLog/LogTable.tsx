import { Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { CaretDown, CaretUp } from '@strapi/icons';
import type { LogFilterKey } from '../../../../shared/analytics-query';
import type { LogOrder, LogSort, RequestLogRow } from '../../../../shared/contracts/request-log';
import { useFormat } from '../../hooks/useFormat';
import { msg, useTranslate, type Message } from '../../hooks/useTranslate';
import {
  FilterValue,
  refLabel,
  sizeOf,
  statusLabel,
  StatusBadge,
  userLabel,
  type OnFilter,
} from './cells';

/** The columns, in order; those with a sort key sort the log (on the server) when clicked. */
const COLUMNS: Array<{ label: Message; sort?: LogSort }> = [
  { label: msg('requestLog.column.time', 'Time'), sort: 'time' },
  { label: msg('requestLog.column.status', 'Status') },
  { label: msg('requestLog.column.model', 'Model') },
  { label: msg('requestLog.column.task', 'Task') },
  { label: msg('requestLog.column.user', 'User') },
  { label: msg('requestLog.column.service', 'Service') },
  { label: msg('requestLog.column.tokens', 'Tokens in → out'), sort: 'tokens' },
  { label: msg('requestLog.column.cost', 'Cost'), sort: 'cost' },
  { label: msg('requestLog.column.latency', 'Latency'), sort: 'latency' },
  { label: msg('requestLog.column.source', 'Source') },
];

interface Props {
  rows: RequestLogRow[];
  sort: LogSort;
  order: LogOrder;
  onSort: (sort: LogSort) => void;
  onFilter: OnFilter;
  onOpen: (id: number) => void;
}

const SortButton = ({
  label,
  column,
  sort,
  order,
  onSort,
}: {
  label: string;
  column: LogSort;
  sort: LogSort;
  order: LogOrder;
  onSort: (sort: LogSort) => void;
}) => (
  <Typography
    tag="button"
    type="button"
    variant="sigma"
    textColor={sort === column ? 'primary600' : 'neutral800'}
    onClick={() => onSort(column)}
    style={{
      background: 'none',
      border: 0,
      padding: 0,
      cursor: 'pointer',
      display: 'inline-flex',
      alignItems: 'center',
      gap: 4,
    }}
    data-testid={`llm-log-sort-${column}`}
  >
    {label}
    {sort === column &&
      (order === 'desc' ? (
        <CaretDown width="1rem" height="1rem" aria-hidden />
      ) : (
        <CaretUp width="1rem" height="1rem" aria-hidden />
      ))}
  </Typography>
);

/** A cell's value that filters the log when clicked, or a dash when the call has none. */
const FilterCell = ({
  filter,
  value,
  label,
  onFilter,
}: {
  filter: LogFilterKey;
  value: string | number | null | undefined;
  label: string;
  onFilter: OnFilter;
}) => (
  <Td>
    {value === null || value === undefined ? (
      <Typography textColor="neutral600">{label}</Typography>
    ) : (
      <FilterValue filter={filter} value={String(value)} label={label} onFilter={onFilter} />
    )}
  </Td>
);

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** The call's time: a button opening its detail (as a click anywhere on the row does). */
const TimeCell = ({ row, onOpen }: { row: RequestLogRow; onOpen: Props['onOpen'] }) => {
  const format = useFormat();
  return (
    <Td>
      <Typography
        tag="button"
        type="button"
        onClick={(event: React.MouseEvent) => {
          event.stopPropagation();
          onOpen(row.id);
        }}
        style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', ...NOWRAP }}
        data-testid={`llm-log-open-${row.id}`}
      >
        {format.dateTime(row.occurredAt)}
      </Typography>
    </Td>
  );
};

/** The status badge and error code, each filtering the log by itself. */
const StatusCell = ({ row, onFilter }: { row: RequestLogRow; onFilter: OnFilter }) => {
  const t = useTranslate();
  return (
    <Td>
      <FilterValue
        filter="status"
        value={row.status}
        label={statusLabel(t, row.status)}
        onFilter={onFilter}
      >
        <StatusBadge status={row.status} />
      </FilterValue>
      {row.errorCode && (
        <Box paddingTop={1}>
          <FilterValue
            filter="errorCode"
            value={row.errorCode}
            label={row.errorCode}
            onFilter={onFilter}
          />
        </Box>
      )}
    </Td>
  );
};

/** One call: its time opens the detail (as the whole row does); its values filter the log. */
const LogRow = ({
  row,
  onFilter,
  onOpen,
}: { row: RequestLogRow } & Pick<Props, 'onFilter' | 'onOpen'>) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <Tr onClick={() => onOpen(row.id)} style={{ cursor: 'pointer' }} data-testid="llm-log-row">
      <TimeCell row={row} onOpen={onOpen} />
      <StatusCell row={row} onFilter={onFilter} />
      <FilterCell
        filter="model"
        value={row.model?.id}
        label={refLabel(t, row.model, row.modelKey)}
        onFilter={onFilter}
      />
      <FilterCell
        filter="task"
        value={row.task?.id}
        label={refLabel(t, row.task)}
        onFilter={onFilter}
      />
      <FilterCell
        filter="user"
        value={row.user?.id ?? 0}
        label={userLabel(t, row)}
        onFilter={onFilter}
      />
      <FilterCell filter="service" value={row.service} label={row.service} onFilter={onFilter} />
      <Td>
        <Typography style={NOWRAP}>{sizeOf(format, t, row)}</Typography>
      </Td>
      <Td>
        <Typography style={NOWRAP}>{format.usd(row.costUsd)}</Typography>
      </Td>
      <Td>
        <Typography style={NOWRAP}>
          {row.latencyMs === null
            ? '—'
            : t('requestLog.ms', '{ms} ms', { ms: format.number(row.latencyMs) })}
        </Typography>
      </Td>
      <FilterCell
        filter="source"
        value={row.source}
        label={row.source ?? '—'}
        onFilter={onFilter}
      />
    </Tr>
  );
};

/** The log's rows, under headers that sort the log (on the server) when they can. */
export const LogTable = ({ rows, sort, order, onSort, onFilter, onOpen }: Props) => {
  const t = useTranslate();
  return (
    // The table scrolls inside its own box at phone width; the page never scrolls sideways.
    <Box maxWidth="100%" style={{ overflowX: 'auto' }}>
      <Table colCount={COLUMNS.length} rowCount={rows.length + 1}>
        <Thead>
          <Tr>
            {COLUMNS.map(({ label, sort: column }) => (
              <Th
                key={label.id}
                action={null}
                aria-sort={
                  column && sort === column
                    ? order === 'desc'
                      ? 'descending'
                      : 'ascending'
                    : undefined
                }
              >
                {column ? (
                  <SortButton
                    label={t(label)}
                    column={column}
                    sort={sort}
                    order={order}
                    onSort={onSort}
                  />
                ) : (
                  <Typography variant="sigma">{t(label)}</Typography>
                )}
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((row) => (
            <LogRow key={row.id} row={row} onFilter={onFilter} onOpen={onOpen} />
          ))}
        </Tbody>
      </Table>
    </Box>
  );
};
