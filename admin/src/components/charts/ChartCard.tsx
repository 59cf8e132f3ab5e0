import {
  Box,
  Flex,
  Table,
  Tbody,
  Td,
  TextButton,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useState, type ReactNode } from 'react';

export interface TableView {
  columns: string[];
  rows: Array<Array<string | number>>;
}

interface Props {
  id: string;
  title: string;
  /** What the chart shows, for screen readers. */
  description: string;
  table: TableView;
  children: ReactNode;
  height?: number;
}

/** A chart with a title, an accessible description, and a toggle to the same figures as a table. */
export const ChartCard = ({ id, title, description, table, children, height = 280 }: Props) => {
  const [asTable, setAsTable] = useState(false);
  return (
    <Box
      background="neutral0"
      padding={5}
      hasRadius
      shadow="filterShadow"
      data-testid={`llm-chart-${id}`}
    >
      <Flex justifyContent="space-between" paddingBottom={3}>
        <Typography variant="delta" tag="h3" id={`${id}-title`}>
          {title}
        </Typography>
        <TextButton
          onClick={() => setAsTable((v) => !v)}
          aria-pressed={asTable}
          data-testid={`llm-toggle-${id}`}
        >
          {asTable ? 'Show chart' : 'Show table'}
        </TextButton>
      </Flex>
      {asTable ? (
        <Box style={{ maxHeight: height + 60, overflow: 'auto' }}>
          <Table
            colCount={table.columns.length}
            rowCount={table.rows.length + 1}
            aria-labelledby={`${id}-title`}
          >
            <Thead>
              <Tr>
                {table.columns.map((c) => (
                  <Th key={c}>
                    <Typography variant="sigma">{c}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {table.rows.map((row, i) => (
                <Tr key={i}>
                  {row.map((cell, j) => (
                    <Td key={j}>
                      <Typography>{cell}</Typography>
                    </Td>
                  ))}
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      ) : (
        <figure
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-description`}
          style={{ margin: 0, height }}
        >
          <span
            id={`${id}-description`}
            style={{
              position: 'absolute',
              width: 1,
              height: 1,
              overflow: 'hidden',
              clip: 'rect(0 0 0 0)',
            }}
          >
            {description}
          </span>
          {children}
        </figure>
      )}
    </Box>
  );
};
