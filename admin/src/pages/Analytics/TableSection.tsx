import { Box, Typography } from '@strapi/design-system';
import { Card } from '../../components/Card';
import { DataTable, type DataRow } from '../../components/DataTable';

interface Props {
  testId: string;
  title: string;
  subtitle?: string;
  columns: string[];
  rows: DataRow[];
}

/** A titled card around a table of the Analytics page (top entries, latency by service). */
export const TableSection = ({ testId, title, subtitle, columns, rows }: Props) => (
  <Card padding={4} data-testid={testId}>
    <Typography variant="delta" tag="h2">
      {title}
    </Typography>
    {subtitle && (
      <Box paddingTop={1}>
        <Typography variant="pi" textColor="neutral600">
          {subtitle}
        </Typography>
      </Box>
    )}
    <Box paddingTop={3}>
      <DataTable columns={columns} rows={rows} />
    </Box>
  </Card>
);
