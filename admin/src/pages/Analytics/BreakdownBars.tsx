import { Box, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { styled } from 'styled-components';
import type { BreakdownName, BreakdownRow } from '../../../../shared/contracts/analytics';
import { seriesColor } from '../../components/charts/series';
import { useFormat, type Format } from '../../hooks/useFormat';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import { drillTarget, type Drill } from './drill';

/** Bars drawn per breakdown; the table view lists every row. */
export const SHOWN = 8;

/** A row of bars as a button or a link: the whole row is the target, drawn as the plain row. */
const actionStyle = `
  display: block;
  width: 100%;
  padding: 0;
  border: 0;
  background: none;
  color: inherit;
  text-align: start;
  text-decoration: none;
  cursor: pointer;
  border-radius: 4px;
`;
const RowButton = styled.button`
  ${actionStyle}
  &:hover [data-testid='llm-bar'] {
    filter: brightness(1.15);
  }
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: 2px;
  }
`;
const RowLink = styled(Link)`
  ${actionStyle}
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: 2px;
  }
`;

/** A row's cost and requests, beside its bar. */
const costAndRequests = (t: Translate, format: Format, row: BreakdownRow) =>
  t(
    'analytics.breakdown.tooltip',
    '{cost} · {count, plural, one {{requests} request} other {{requests} requests}}',
    { cost: format.usd(row.costUsd), count: row.requests, requests: format.count(row.requests) }
  );

/** The row as the target of its drill-down: a filter button, a link to the request log, or itself. */
const RowAction = ({
  name,
  row,
  drill,
  children,
}: {
  name: BreakdownName;
  row: BreakdownRow;
  drill?: Drill;
  children: ReactNode;
}) => {
  const t = useTranslate();
  const target = drillTarget(drill, name, row.key);
  if (!target) return <>{children}</>;
  if ('href' in target)
    return (
      <RowLink
        to={target.href}
        title={t('analytics.drill.log', 'Show these requests in the request log')}
        data-testid="llm-bar-link"
      >
        {children}
      </RowLink>
    );
  return (
    <RowButton
      type="button"
      onClick={() => drill?.addFilter(target.filter, row.key)}
      aria-label={t('analytics.drill.filter', 'Filter by {name}', { name: row.label })}
      data-testid="llm-bar-filter"
      data-filter={`${target.filter}=${row.key}`}
    >
      {children}
    </RowButton>
  );
};

/** One row: its name and figures, then its bar (`share` of the longest). */
const BarRow = ({ name, row: r, share, drill }: BarRowProps) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <li style={{ listStyle: 'none', minWidth: 0 }} data-testid="llm-bar-row">
      <RowAction name={name} row={r} drill={drill}>
        <Flex justifyContent="space-between" gap={2} paddingBottom={1} tag="span">
          <Typography
            variant="pi"
            fontWeight="bold"
            textColor="neutral800"
            ellipsis
            title={r.label}
            data-testid="llm-bar-label"
          >
            {r.label}
          </Typography>
          <Typography variant="pi" textColor="neutral600" style={{ whiteSpace: 'nowrap' }}>
            {costAndRequests(t, format, r)}
          </Typography>
        </Flex>
        <Box
          tag="span"
          display="block"
          background="neutral150"
          hasRadius
          height="1.2rem"
          overflow="hidden"
        >
          <Box
            tag="span"
            display="block"
            data-testid="llm-bar"
            hasRadius
            height="100%"
            background={name === 'model' ? undefined : 'primary600'}
            style={{
              width: `${Math.max(share * 100, r.requests > 0 ? 1 : 0)}%`,
              backgroundColor: name === 'model' ? seriesColor(r.key) : undefined,
            }}
          />
        </Box>
      </RowAction>
    </li>
  );
};

interface BarRowProps {
  name: BreakdownName;
  row: BreakdownRow;
  share: number;
  drill?: Drill;
}

/**
 * One labelled bar per row: the name above its bar (cut with an ellipsis, the full name on hover
 * and for screen readers), the cost and requests beside it. Plain layout, so every bar keeps its
 * label and a real width at any screen width. A model's bar has the model's colour. A click on a
 * row narrows the page to it (or opens the request log for error codes and tags). Failures cost
 * little or nothing: their bars measure requests.
 */
export const BreakdownBars = ({
  name,
  rows,
  drill,
}: {
  name: BreakdownName;
  rows: BreakdownRow[];
  drill?: Drill;
}) => {
  const top = rows.slice(0, SHOWN);
  const measure = (r: BreakdownRow) => (name === 'errorCode' ? r.requests : Number(r.costUsd));
  const largest = Math.max(...top.map(measure), 0);
  return (
    <Flex
      tag="ol"
      direction="column"
      alignItems="stretch"
      gap={3}
      data-testid={`llm-breakdown-${name}`}
    >
      {top.map((r) => (
        <BarRow
          key={r.key}
          name={name}
          row={r}
          share={largest > 0 ? measure(r) / largest : 0}
          drill={drill}
        />
      ))}
    </Flex>
  );
};
