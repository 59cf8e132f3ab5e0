import type { Filters } from '../../../../shared/analytics-query';
import type { ActiveFilter } from '../../../../shared/contracts/analytics';

/**
 * The chips of the filters in the URL, named as the server named them. The URL decides which
 * chips there are, so a chip appears or goes the moment a filter is added or removed; until the
 * server's answer names a value, the chip shows the value itself.
 */
export function chipsOf(
  filters: Filters<string>,
  named: ActiveFilter[] | undefined
): ActiveFilter[] {
  const labels = new Map((named ?? []).map((f) => [`${f.key}=${f.value}`, f.label]));
  return Object.entries(filters).flatMap(([key, values]) =>
    (values ?? []).map((value) => ({
      key: key as ActiveFilter['key'],
      value,
      label: labels.get(`${key}=${value}`) ?? value,
    }))
  );
}
