import {
  FILTER_KEYS,
  toSearchParams,
  type FilterKey,
  type PeriodQuery,
} from '../../../../shared/analytics-query';
import type { BreakdownName } from '../../../../shared/contracts/analytics';
import { PLUGIN_BASE } from '../../components/PluginNav';

/**
 * Where a click on a figure leads: a breakdown's row adds the filter of the same name (the row's
 * key is its value), except failures by error code and tags, which the page cannot narrow by: those
 * open the request log with the same period.
 */
export interface Drill {
  /** The filters this view offers (My usage: not user nor role). */
  keys: readonly FilterKey[];
  period: PeriodQuery;
  addFilter: (key: FilterKey, value: string) => void;
}

export type DrillTarget = { filter: FilterKey } | { href: string } | null;

/** The folded rest of a chart ("other") is not one value to filter by. */
const OTHER = 'other';

export function drillTarget(
  drill: Drill | undefined,
  name: BreakdownName,
  key: string
): DrillTarget {
  if (!drill) return null;
  if (name === 'errorCode' || name === 'tag')
    return { href: `${PLUGIN_BASE}/requests?${toSearchParams(drill.period, { [name]: [key] })}` };
  const filter = name as FilterKey;
  if (!FILTER_KEYS.includes(filter) || !drill.keys.includes(filter)) return null;
  return key === OTHER && filter === 'model' ? null : { filter };
}
