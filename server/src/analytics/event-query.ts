import type { Knex } from 'knex';
import type { Dialect } from '../db/tables';
import type { Dimension, Filter } from './aggregate';
import { applyEventFilters, hasEventFilters } from './event-filters';
import type { ResolvedRange } from './range';

const DAY_MS = 86_400_000;

/** GROUP BYs over raw usage rows: the hourly range, and views filtered by two keys or more. */
export function createEventQuery(
  knex: Knex,
  dialect: Dialect,
  usage: { name: string; column: (attribute: string) => string }
) {
  const u = usage.column;
  // Events keep "none" as NULL; rollups as 0 / ''. Coalesce so both group the same way.
  const EVENT_DIMS: Record<Exclude<Dimension, 'tag'>, string> = {
    bucket: u('hour'),
    providerId: `COALESCE(${u('providerId')}, 0)`,
    modelId: `COALESCE(${u('modelId')}, 0)`,
    configurationId: `COALESCE(${u('configurationId')}, 0)`,
    service: u('service'),
    taskId: `COALESCE(${u('taskId')}, 0)`,
    source: `COALESCE(${u('source')}, '')`,
    userId: `COALESCE(${u('userId')}, 0)`,
    apiTokenId: `COALESCE(${u('apiTokenId')}, 0)`,
    // Successful calls have no error; a failure without a code is 'unknown' (as in the rollups).
    errorCode: `CASE WHEN ${u('success')} THEN '' ELSE COALESCE(${u('errorCode')}, 'unknown') END`,
    contentType: `COALESCE(${u('entryUid')}, '')`,
    entry:
      dialect === 'mysql'
        ? `COALESCE(CONCAT(${u('entryUid')}, '|', ${u('entryDocumentId')}), '')`
        : `COALESCE(${u('entryUid')} || '|' || ${u('entryDocumentId')}, '')`,
  };

  function eventQuery(range: ResolvedRange, dimensions: Dimension[], filter: Filter) {
    const hourly = range.bucket === 'hour';
    const sql = (d: Dimension) => {
      if (d === 'tag') throw new Error('Raw rows are grouped by tag with tagGroups');
      return d === 'bucket' && !hourly ? u('day') : EVENT_DIMS[d];
    };
    const query = knex(usage.name);
    for (const [i, d] of dimensions.entries()) query.select(knex.raw(`${sql(d)} AS d${i}`));
    if (hourly)
      // Bounded on both sides: a row stamped past the range's last hour (another instance's clock
      // ahead) is counted where its timestamp puts it, which is not in this range, in KPIs and buckets alike.
      query
        .where(u('occurredAt'), '>=', range.since!)
        .andWhere(u('occurredAt'), '<', range.until!)
        .andWhere(u('hour'), '>=', range.from)
        .andWhere(u('hour'), '<=', range.to);
    else
      // Days are local dates, as the rollups count them; the instant bounds (a day of slack on each
      // side covers every time zone) only let the occurred_at index narrow the scan.
      query
        .where(u('occurredAt'), '>=', new Date(Date.parse(`${range.from}T00:00:00Z`) - DAY_MS))
        .andWhere(u('occurredAt'), '<', new Date(Date.parse(`${range.to}T00:00:00Z`) + 2 * DAY_MS))
        .andWhere(u('day'), '>=', range.from)
        .andWhere(u('day'), '<=', range.to);
    if (filter.userId !== undefined) query.andWhereRaw(`${EVENT_DIMS.userId} = ?`, [filter.userId]);
    if (hasEventFilters(filter.match)) applyEventFilters(query, filter.match, u);
    if (filter.only) {
      const ids = filter.only.ids.length ? filter.only.ids : [-1];
      query.whereRaw(
        `${EVENT_DIMS[filter.only.dimension]} IN (${ids.map(() => '?').join(', ')})`,
        ids
      );
    }
    // Calls on no entry are never listed: skipping them lets the entry index narrow the scan.
    if (dimensions.includes('entry')) query.whereNotNull(u('entryUid'));
    if (dimensions.length > 0) query.groupByRaw(dimensions.map(sql).join(', '));
    return query;
  }

  return { eventDims: EVENT_DIMS, eventQuery };
}
