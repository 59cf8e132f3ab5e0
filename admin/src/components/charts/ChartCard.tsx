import { Box, Flex, TextButton, Typography } from '@strapi/design-system';
import { useState, type ReactNode } from 'react';
import { useTranslate } from '../../hooks/useTranslate';
import { Card } from '../Card';
import { DataTable } from '../DataTable';

export interface TableView {
  columns: string[];
  rows: Array<Array<string | number>>;
  /** The totals row (money summed exactly), when the columns add up. */
  totals?: Array<string | number>;
}

interface Props {
  id: string;
  title: string;
  /** What the chart shows, for screen readers. */
  description: string;
  table: TableView;
  children: ReactNode;
  height?: number;
  /** Under the title: a legend, or a note on the chart. */
  header?: ReactNode;
}

/** Hidden on screen, read by screen readers. */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
} as const;

/** The chart, named by the card's title and described in words for those who cannot see it. */
const ChartFigure = ({ id, description, height, children }: Omit<Props, 'title' | 'table'>) => (
  <figure
    role="img"
    aria-labelledby={`${id}-title`}
    aria-describedby={`${id}-description`}
    style={{ margin: 0, height }}
  >
    <span id={`${id}-description`} style={VISUALLY_HIDDEN}>
      {description}
    </span>
    {children}
  </figure>
);

/** The chart's figures as a table, scrolling within about the chart's height. */
const FiguresTable = ({ id, table, height }: Pick<Props, 'id' | 'table'> & { height: number }) => (
  <Box style={{ maxHeight: height + 60, overflow: 'auto' }}>
    <DataTable
      columns={table.columns}
      rows={table.rows.map((cells, i) => ({ key: i, cells }))}
      labelledBy={`${id}-title`}
      totals={table.totals}
    />
  </Box>
);

/** A chart with a title, an accessible description, and a toggle to the same figures as a table. */
export const ChartCard = ({
  id,
  title,
  description,
  table,
  children,
  header,
  height = 280,
}: Props) => {
  const t = useTranslate();
  const [asTable, setAsTable] = useState(false);
  return (
    <Card padding={5} data-testid={`llm-chart-${id}`}>
      <Flex justifyContent="space-between" paddingBottom={3} gap={2} wrap="wrap">
        <Typography variant="delta" tag="h3" id={`${id}-title`}>
          {title}
        </Typography>
        <TextButton
          onClick={() => setAsTable((v) => !v)}
          aria-pressed={asTable}
          data-testid={`llm-toggle-${id}`}
        >
          {asTable ? t('chart.showChart', 'Show chart') : t('chart.showTable', 'Show table')}
        </TextButton>
      </Flex>
      {header}
      {asTable ? (
        <FiguresTable id={id} table={table} height={height} />
      ) : (
        <ChartFigure id={id} description={description} height={height}>
          {children}
        </ChartFigure>
      )}
    </Card>
  );
};
