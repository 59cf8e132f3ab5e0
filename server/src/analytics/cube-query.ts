import type { Knex } from 'knex';
import type { FilterKey } from '../../../shared/analytics-query';
import { sumAsText } from '../db/sql';
import type { Dialect } from '../db/tables';
import { METRIC_SOURCE, METRICS } from '../usage/metrics';
import { CUBE_MEMBERS, isMoney, scannedRow, type CubeMember, type ScannedRow } from './cube-scan';
import { EVERYONE } from '../usage/rollup-rows';
import type { Filter } from './aggregate';
import { hasEventFilters, type EventFilters } from './event-filters';
import type { ResolvedRange } from './range';

/** The cube's column of each member (entries are not in the cube: usage/cube.ts). */
const CUBE_COLUMN: Record<CubeMember, string> = {
  bucket: 'day',
  providerId: 'providerId',
  modelId: 'modelId',
  configurationId: 'configurationId',
  service: 'service',
  taskId: 'taskId',
  source: 'source',
  userId: 'userId',
  apiTokenId: 'apiTokenId',
  errorCode: 'errorCode',
  contentType: 'contentType',
  tag: 'tag',
};

/** The cube's column of each filter key; ids are compared as numbers. */
const FILTER_COLUMN: Record<Exclude<FilterKey, 'role'>, { attribute: string; id: boolean }> = {
  provider: { attribute: 'providerId', id: true },
  model: { attribute: 'modelId', id: true },
  configuration: { attribute: 'configurationId', id: true },
  task: { attribute: 'taskId', id: true },
  user: { attribute: 'userId', id: true },
  apiToken: { attribute: 'apiTokenId', id: true },
  service: { attribute: 'service', id: false },
  source: { attribute: 'source', id: false },
  contentType: { attribute: 'contentType', id: false },
  status: { attribute: 'status', id: false },
};

/**
 * The daily combinations a filtered view reads for its day buckets, once per period. The
 * filters are plain column matches here (each combination has one value per key; "none" is 0 or
 * ''), values of one key OR-ed and keys AND-ed, as on raw rows (event-filters.ts).
 */
export function createCubeQuery(
  knex: Knex,
  dialect: Dialect,
  cube: { name: string; column: (a: string) => string }
) {
  const c = cube.column;
  const asText = sumAsText(dialect);

  function applyFilters(query: Knex.QueryBuilder, match: EventFilters) {
    for (const [key, { attribute, id }] of Object.entries(FILTER_COLUMN)) {
      const values = match.filters[key as keyof typeof FILTER_COLUMN];
      if (values?.length) query.whereIn(c(attribute), id ? values.map(Number) : values);
    }
    // The users of the filtered roles; none: nothing matches (no user has id EVERYONE).
    if (match.roleUsers !== undefined)
      query.whereIn(c('userId'), match.roleUsers.length ? match.roleUsers : [EVERYONE]);
  }

  /**
   * The period's combinations matching the filter, every member and sum (cube-scan.ts folds them);
   * `byTag`: the tag rows summed per tag instead (the only grouping they count in).
   */
  async function cubeScan(
    range: ResolvedRange,
    filter: Filter,
    byTag: boolean
  ): Promise<ScannedRow[]> {
    const query = knex(cube.name);
    // Aliases lowercase (PostgreSQL folds unquoted names); money as text (exact on every driver).
    const members = byTag ? (['tag'] as const) : CUBE_MEMBERS.filter((m) => m !== 'tag');
    for (const member of members)
      query.select(knex.raw(`${c(CUBE_COLUMN[member])} AS m_${member.toLowerCase()}`));
    for (const metric of METRICS) {
      const column = c(METRIC_SOURCE[metric]);
      const value = byTag ? asText(`SUM(${column})`) : isMoney(metric) ? asText(column) : column;
      query.select(knex.raw(`${value} AS s_${metric.toLowerCase()}`));
    }
    query
      .where(c('day'), '>=', range.from)
      .andWhere(c('day'), '<=', range.to)
      .andWhere(c('tag'), byTag ? '<>' : '=', '');
    if (filter.userId !== undefined) query.andWhere(c('userId'), filter.userId);
    if (hasEventFilters(filter.match)) applyFilters(query, filter.match);
    if (byTag) query.groupBy(c('tag'));
    return (await query).map(scannedRow);
  }

  /**
   * A filtered page asks for a dozen groupings of one period: its combinations are read once per
   * (range, filter, user) and every grouping is folded from them (cube-scan.ts). Keyed by the
   * range object, which lives as long as the request that resolved it.
   */
  const scans = new WeakMap<ResolvedRange, Map<string, Promise<ScannedRow[]>>>();
  function scanOnce(range: ResolvedRange, filter: Filter, byTag: boolean) {
    let byFilter = scans.get(range);
    if (!byFilter) scans.set(range, (byFilter = new Map()));
    const key = `${byTag}|${filter.userId ?? ''}|${JSON.stringify(filter.match ?? null)}`;
    let scan = byFilter.get(key);
    if (!scan) byFilter.set(key, (scan = cubeScan(range, filter, byTag)));
    return scan;
  }

  return { scanOnce };
}
