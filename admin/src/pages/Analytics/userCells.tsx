import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { Line, LineChart } from 'recharts';
import type { UserRow } from '../../../../shared/contracts/analytics';
import { colorAt } from '../../components/charts/series';
import { PercentBar } from '../../components/PercentBar';
import { useFormat, type Format } from '../../hooks/useFormat';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import type { Row } from './userRows';

const Sparkline = ({ values, label }: { values: number[]; label: string }) => (
  <Box aria-label={label} role="img">
    <LineChart width={96} height={26} data={values.map((v, i) => ({ i, v }))}>
      <Line
        type="monotone"
        dataKey="v"
        stroke={colorAt(0)}
        strokeWidth={1.5}
        dot={false}
        isAnimationActive={false}
      />
    </LineChart>
  </Box>
);

/** The user's fullest monthly cost budget, or a dash without one. */
const BudgetCell = ({ budget }: { budget: UserRow['budget'] }) => {
  const t = useTranslate();
  const format = useFormat();
  return budget ? (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <PercentBar
        percent={budget.percent}
        label={t('analytics.users.budget.bar', '{percent}% of the monthly budget', {
          percent: budget.percent,
        })}
      />
      <Typography variant="pi" textColor={budget.percent >= 100 ? 'danger600' : 'neutral600'}>
        {t('analytics.users.budget.used', '{used} of {limit} ({percent}%)', {
          used: format.usd(budget.monthCostUsd),
          limit: format.usd(budget.limitUsd),
          percent: budget.percent,
        })}
      </Typography>
    </Flex>
  ) : (
    <Typography variant="pi" textColor="neutral500">
      —
    </Typography>
  );
};

/** The user's name; a button that narrows the page to the user where the view can. */
const Name = ({ row, onFilter }: { row: Row; onFilter?: (row: Row) => void }) => {
  const t = useTranslate();
  return onFilter ? (
    <Typography
      tag="button"
      type="button"
      fontWeight="bold"
      textColor="primary600"
      onClick={() => onFilter(row)}
      aria-label={t('analytics.drill.filter', 'Filter by {name}', { name: row.name })}
      data-testid="llm-user-filter"
      style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', textAlign: 'start' }}
    >
      {row.name}
    </Typography>
  ) : (
    <Typography fontWeight="bold">{row.name}</Typography>
  );
};

const NameCell = ({ row, onFilter }: { row: Row; onFilter?: (row: Row) => void }) => (
  <Flex direction="column" alignItems="flex-start">
    <Name row={row} onFilter={onFilter} />
    {row.email && (
      <Typography variant="pi" textColor="neutral600">
        {row.email}
      </Typography>
    )}
    <Flex gap={1} paddingTop={1}>
      {row.roles.map((role) => (
        <Badge key={role}>{role}</Badge>
      ))}
    </Flex>
  </Flex>
);

/** A row's cells, in the order of the table's columns. */
export const userCells = (
  r: Row,
  t: Translate,
  format: Format,
  onFilter?: (row: Row) => void
): ReactNode[] => [
  <NameCell row={r} onFilter={onFilter} />,
  format.number(r.requests),
  format.number(r.tokens),
  <>
    <Typography>{format.usd(r.costUsd)}</Typography>
    {r.unpricedRequests > 0 && (
      <Typography variant="pi" textColor="warning600">
        {' '}
        {t('analytics.users.unpriced', '+{count} unpriced', { count: r.unpricedRequests })}
      </Typography>
    )}
  </>,
  <Sparkline
    values={r.sparkline}
    label={t('analytics.users.sparkline', 'Requests over the range for {name}', { name: r.name })}
  />,
  <Typography variant="pi">
    {r.models.slice(0, 3).join(', ')}
    {r.models.length > 3 ? ` +${r.models.length - 3}` : ''}
  </Typography>,
  <BudgetCell budget={r.budget} />,
];
