import { USAGE_COLUMN_KINDS, type UsageColumnKind } from '../../../shared/contracts/usage-columns';
import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';
import { LedgerCost } from './LedgerCost';
import { UsageCell, type UsageMetric } from './UsageCell';

/** Each column's header, as a message the list view translates (a plain string would be a field). */
const COLUMNS: Array<[UsageMetric, { id: string; defaultMessage: string }]> = [
  ['cost', { id: getTranslation('listColumns.cost'), defaultMessage: 'Cost (30d)' }],
  ['requests', { id: getTranslation('listColumns.requests'), defaultMessage: 'Requests (30d)' }],
  ['tokens', { id: getTranslation('listColumns.tokens'), defaultMessage: 'Tokens (30d)' }],
];

interface HookPayload {
  displayedHeaders: unknown[];
  /** The list layout; its options carry the schema's `pluginOptions`, among them this plugin's. */
  layout: { options?: { [PLUGIN_ID]?: { usageColumns?: string; ledger?: boolean } } } & Record<
    string,
    unknown
  >;
}

type Header = { name?: string } & Record<string, unknown>;

/** The usage ledger's list: its costs (stored in nano-USD) shown as money. */
function ledgerHeaders(displayedHeaders: unknown[]): unknown[] {
  return displayedHeaders.map((header) =>
    (header as Header)?.name === 'costNano'
      ? {
          ...(header as Header),
          label: { id: getTranslation('listColumns.ledgerCost'), defaultMessage: 'Cost' },
          cellFormatter: (row: { costNano?: unknown }) => <LedgerCost nano={row.costNano} />,
        }
      : header
  );
}

/**
 * `Admin/CM/pages/ListView/inject-column-in-table`: adds Cost / Requests / Tokens (30d) to the list
 * views of the types whose schema carries `pluginOptions.llm.usageColumns`, and to no other; shows
 * the usage ledger's (`pluginOptions.llm.ledger`) nano-dollar costs as money.
 */
export function injectUsageColumns({ displayedHeaders, layout }: HookPayload): HookPayload {
  if (layout?.options?.[PLUGIN_ID]?.ledger)
    return { displayedHeaders: ledgerHeaders(displayedHeaders), layout };
  const kind = layout?.options?.[PLUGIN_ID]?.usageColumns as UsageColumnKind | undefined;
  if (!kind || !USAGE_COLUMN_KINDS.includes(kind)) return { displayedHeaders, layout };
  const headers = COLUMNS.map(([metric, label]) => ({
    attribute: { type: 'custom' },
    name: `__llm_${metric}_30d`,
    label,
    searchable: false,
    // The name is not a field: sorting by it would be sent to the API.
    sortable: false,
    cellFormatter: (row: { id: number }) => <UsageCell kind={kind} id={row.id} metric={metric} />,
  }));
  return { displayedHeaders: [...displayedHeaders, ...headers], layout };
}
