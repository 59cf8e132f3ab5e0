import { Box, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { EntryRow } from '../../../../shared/contracts/analytics';
import { formatCount, formatUsd } from '../../../../shared/format';

/** The entries whose AI calls cost most in the range, each linking to its edit view (and its "AI usage" panel). */
export const TopEntries = ({ entries }: { entries: EntryRow[] }) =>
  entries.length === 0 ? null : (
    <Box
      background="neutral0"
      hasRadius
      shadow="filterShadow"
      padding={4}
      data-testid="llm-top-entries"
    >
      <Typography variant="delta" tag="h2">
        Top entries by cost
      </Typography>
      <Box paddingTop={3}>
        <Table colCount={5} rowCount={entries.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">Entry</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">Content type</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">Cost (est.)</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">Calls</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">Tokens</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {entries.map((entry) => (
              <Tr key={entry.key}>
                <Td>
                  <Link
                    tag={NavLink}
                    to={`/content-manager/collection-types/${entry.uid}/${entry.documentId}`}
                  >
                    {entry.label}
                  </Link>
                </Td>
                <Td>
                  <Typography>{entry.contentType}</Typography>
                </Td>
                <Td>
                  <Typography>{formatUsd(entry.costUsd)}</Typography>
                </Td>
                <Td>
                  <Typography>{formatCount(entry.requests)}</Typography>
                </Td>
                <Td>
                  <Typography>{formatCount(entry.tokens)}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Box>
    </Box>
  );
