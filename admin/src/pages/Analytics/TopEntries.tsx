import { Link } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { EntryRow } from '../../../../shared/contracts/analytics';
import { formatCount, formatUsd } from '../../../../shared/format';
import { useTranslate } from '../../hooks/useTranslate';
import { TableSection } from './TableSection';

/** The entries whose AI calls cost most in the range, each linking to its edit view (and its "AI usage" panel). */
export const TopEntries = ({ entries }: { entries: EntryRow[] }) => {
  const t = useTranslate();
  return entries.length === 0 ? null : (
    <TableSection
      testId="llm-top-entries"
      title={t('analytics.topEntries.title', 'Top entries by cost')}
      columns={[
        t('analytics.topEntries.entry', 'Entry'),
        t('analytics.figure.contentType', 'Content type'),
        t('analytics.topEntries.cost', 'Cost (est.)'),
        t('analytics.topEntries.calls', 'Calls'),
        t('analytics.figure.tokens', 'Tokens'),
      ]}
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
};
