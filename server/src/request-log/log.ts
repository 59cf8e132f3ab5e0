import type { Core } from '@strapi/strapi';
import type { Filters, LogFilterKey } from '../../../shared/analytics-query';
import type {
  LogOrder,
  LogSort,
  RequestLogDetail,
  RequestLogPage,
} from '../../../shared/contracts/request-log';
import { UID } from '../content-types/schemas';
import { dialectOf, knexOf, tableOf } from '../db/tables';
import { attemptsOf, attemptsQuery } from './attempts';
import { encodeCursor, type Cursor } from './cursor';
import { filterWhere } from './filters';
import type { LogPeriod } from './period';
import { createRowNamer, LIST_ATTRIBUTES, usdOf, type Row } from './rows';
import { applySort, sortKey } from './sort';

/** What a log request asks for, validated (controllers/validation/request-log.ts). */
export interface LogQuery {
  period: LogPeriod;
  filters: Filters<LogFilterKey>;
  sort: LogSort;
  order: LogOrder;
}

/** The request log over raw usage rows: pages, one row's detail, and chunks for the export. */
export function createRequestLog(strapi: Core.Strapi) {
  const knex = knexOf(strapi);
  const usage = tableOf(strapi, UID.usage);
  const col = usage.column;
  const nameRows = createRowNamer(strapi, usage);
  const listColumns = LIST_ATTRIBUTES.map((attribute) => col(attribute));

  /** A function reading the rows after a cursor, `limit` at a time, for one query. */
  async function reader(query: LogQuery) {
    const where = await filterWhere(strapi, knex, dialectOf(strapi), usage, query.filters);
    return async (cursor: Cursor | null, limit: number) => {
      const qb = knex(usage.name).select(listColumns);
      if (query.period.since) qb.where(col('occurredAt'), '>=', query.period.since);
      if (query.period.until) qb.where(col('occurredAt'), '<', query.period.until);
      where(qb);
      const key = applySort(qb, knex, usage, query.sort, query.order, cursor);
      const rows = (await qb.limit(limit)) as Row[];
      const last = rows[rows.length - 1];
      const next: Cursor | null =
        rows.length < limit || !last
          ? null
          : {
              sort: query.sort,
              order: query.order,
              value: key.valueOf(last),
              id: Number(last[col('id')]),
            };
      return { rows, next };
    };
  }

  return {
    reader,

    nameRows,

    async page(query: LogQuery, cursor: Cursor | null, limit: number): Promise<RequestLogPage> {
      const read = await reader(query);
      // One row more than asked says whether there is a next page without a second query.
      const { rows } = await read(cursor, limit + 1);
      const shown = rows.slice(0, limit);
      const named = await nameRows(shown);
      const last = named[named.length - 1];
      const key = sortKey(usage, query.sort);
      return {
        rows: named,
        nextCursor:
          rows.length > limit && last
            ? encodeCursor({
                sort: query.sort,
                order: query.order,
                value: key.valueOf(shown[shown.length - 1]),
                id: last.id,
              })
            : null,
        sort: query.sort,
        order: query.order,
        limit,
        since: query.period.since?.toISOString() ?? null,
        until: query.period.until?.toISOString() ?? null,
      };
    },

    async detail(id: number): Promise<RequestLogDetail | null> {
      const row = (await knex(usage.name).where(col('id'), id).first()) as Row | undefined;
      if (!row) return null;
      const chain = (await attemptsQuery(knex, usage, row)) as Row[];
      const [named, ...attempts] = await nameRows([row, ...chain]);
      const v = (attribute: string) => row[col(attribute)];
      const metadata = v('metadata');
      return {
        ...named,
        adapter: (v('adapter') as string | null) ?? null,
        reasoningTokens: Number(v('reasoningTokens') ?? 0),
        cacheSavingsUsd: usdOf(v('cacheSavingsNano'), 0),
        priceSource: v('priceSource') as RequestLogDetail['priceSource'],
        tokensEstimated: Boolean(v('tokensEstimated')),
        errorMessage: (v('errorMessage') as string | null) ?? null,
        endUser: (v('endUser') as string | null) ?? null,
        seeded: Boolean(v('seeded')),
        day: String(v('day')),
        hour: String(v('hour')),
        metadata: typeof metadata === 'string' ? safeJson(metadata) : (metadata ?? null),
        entryPath: named.entry
          ? `/content-manager/collection-types/${named.entry.uid}/${named.entry.documentId}` +
            (named.entry.locale ? `?plugins[i18n][locale]=${named.entry.locale}` : '')
          : null,
        attempts: attemptsOf(attempts),
      };
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
