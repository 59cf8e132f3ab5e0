import { Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { ReactElement, ReactNode } from 'react';

export interface DataRow {
  key: string | number;
  testId?: string;
  /** Text and numbers are set in a Typography; anything else (a link, a bar) goes in as it is. */
  cells: ReactNode[];
}

interface Props {
  /**
   * A label each, or a header cell of its own (a sortable `Th`, with a key). The design system's
   * `Tr` numbers its direct children, so every cell is a `Th`/`Td` itself, never a wrapper.
   */
  columns: Array<string | ReactElement>;
  rows: DataRow[];
  /** The id of the element that names the table. */
  labelledBy?: string;
  /** A last row in bold: the columns' totals (a cell each, blank where nothing adds up). */
  totals?: ReactNode[];
}

const content = (cell: ReactNode, bold = false) =>
  typeof cell === 'string' || typeof cell === 'number' ? (
    <Typography fontWeight={bold ? 'bold' : undefined}>{cell}</Typography>
  ) : (
    cell
  );

/**
 * A design-system table of plain rows: one header row, then one row per item, then the totals.
 * A table wider than its box scrolls inside the box (the design system's table wrapper), never the page.
 */
export const DataTable = ({ columns, rows, labelledBy, totals }: Props) => (
  <Box maxWidth="100%">
    <Table
      colCount={columns.length}
      rowCount={rows.length + 1 + (totals ? 1 : 0)}
      aria-labelledby={labelledBy}
    >
      <Thead>
        <Tr>
          {columns.map((column) =>
            typeof column === 'string' ? (
              <Th key={column}>
                <Typography variant="sigma">{column}</Typography>
              </Th>
            ) : (
              column
            )
          )}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.key} data-testid={row.testId}>
            {row.cells.map((cell, i) => (
              <Td key={i}>{content(cell)}</Td>
            ))}
          </Tr>
        ))}
        {totals && (
          <Tr data-testid="llm-table-totals">
            {totals.map((cell, i) => (
              <Td key={i}>{content(cell, true)}</Td>
            ))}
          </Tr>
        )}
      </Tbody>
    </Table>
  </Box>
);
