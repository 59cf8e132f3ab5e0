import { Link } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { EntryRow } from '../../../../shared/contracts/analytics';
import { formatCount, formatUsd } from '../../../../shared/format';
import { TableSection } from './TableSection';

const COLUMNS = ['Entry', 'Content type', 'Cost (est.)', 'Calls', 'Tokens'];

/** The entries whose AI calls cost most in the range, each linking to its edit view (and its "AI usage" panel). */
export const TopEntries = ({ entries }: { entries: EntryRow[] }) =>
  entries.length === 0 ? null : (
    <TableSection
      testId="llm-top-entries"
      title="Top entries by cost"
      columns={COLUMNS}
      rows={entries.map((entry) => ({
        key: entry.key,
        cells: [
          <Link
            tag={NavLink}
            to={`/content-manager/collection-types/${entry.uid}/${entry.documentId}`}
          >
            {entry.label}
          </Link>,
          entry.contentType,
          formatUsd(entry.costUsd),
          formatCount(entry.requests),
          formatCount(entry.tokens),
        ],
      }))}
    />
  );
