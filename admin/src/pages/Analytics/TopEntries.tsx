import { Link } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { EntryRow } from '../../../../shared/contracts/analytics';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { tokenCell } from './ModelCharts';
import { TableSection } from './TableSection';

/** The entries whose AI calls cost most in the range, each linking to its edit view (and its "AI usage" panel). */
export const TopEntries = ({ entries }: { entries: EntryRow[] }) => {
  const t = useTranslate();
  const format = useFormat();
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
          format.usd(entry.costUsd),
          format.number(entry.requests),
          tokenCell(format, entry.tokens, entry.costUsd),
        ],
      }))}
    />
  );
};
