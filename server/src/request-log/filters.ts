import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { CallStatus, Filters, LogFilterKey } from '../../../shared/analytics-query';
import type { Dialect, Table } from '../db/tables';
import { statusSql } from '../usage/metrics';

type Builder = Knex.QueryBuilder;

/** Usage attributes a filter key compares with, value for value (ids and plain text). */
const DIRECT: Partial<Record<LogFilterKey, string>> = {
  provider: 'providerId',
  model: 'modelId',
  configuration: 'configurationId',
  task: 'taskId',
  apiToken: 'apiTokenId',
  contentType: 'entryUid',
  service: 'service',
  errorCode: 'errorCode',
};

/** `?tag=x`: '"tags": [... "x" ...]' or '"tag": "x"' in the stored JSON. */
const likeEscape = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

/** The ids of admin users currently holding any of these roles (the role filter's meaning). */
async function usersInRoles(strapi: Core.Strapi, roleIds: number[]): Promise<number[]> {
  const users = (await strapi.db.query('admin::user').findMany({
    where: { roles: { id: { $in: roleIds } } },
    select: ['id'],
  })) as Array<{ id: number }>;
  return users.map((user) => user.id);
}

/**
 * The WHERE of a filter set over raw usage rows: values of one key OR-ed, keys AND-ed. Resolved
 * once per request (a role becomes its users' ids), then applied to each page's query.
 */
export async function filterWhere(
  strapi: Core.Strapi,
  knex: Knex,
  dialect: Dialect,
  usage: Table,
  filters: Filters<LogFilterKey>
): Promise<(qb: Builder) => void> {
  const col = usage.column;
  const roleUsers = filters.role ? await usersInRoles(strapi, filters.role.map(Number)) : null;
  const metadataText =
    dialect === 'postgres' ? `CAST(?? AS TEXT)` : dialect === 'mysql' ? `CAST(?? AS CHAR)` : '??';
  return (qb) => {
    for (const [key, values] of Object.entries(filters) as Array<[LogFilterKey, string[]]>) {
      const attribute = DIRECT[key];
      if (attribute) {
        qb.whereIn(col(attribute), values);
        continue;
      }
      qb.where((or) => {
        for (const value of values) {
          if (key === 'user' || key === 'source') {
            // user=0 is the system (no admin user); source='' is "no source".
            const attribute = key === 'user' ? 'userId' : 'source';
            if (value === (key === 'user' ? '0' : '')) or.orWhereNull(col(attribute));
            else or.orWhere(col(attribute), value);
          } else if (key === 'status')
            or.orWhere((one) => statusWhere(one, col, value as CallStatus));
          else if (key === 'entry') {
            const [uid, documentId] = value.split('|');
            or.orWhere({ [col('entryUid')]: uid, [col('entryDocumentId')]: documentId });
          } else if (key === 'tag')
            for (const field of ['tags', 'tag'])
              or.orWhereRaw(`${metadataText} LIKE ? ESCAPE '!'`, [
                col('metadata'),
                `%"${field}":%"${likeEscape(value)}"%`,
              ]);
        }
        if (key === 'role') or.whereIn(col('userId'), roleUsers ?? []);
      });
    }
  };
}

/** success, failure (a provider was asked and failed), blocked or denied (refused before it). */
function statusWhere(qb: Builder, col: (attribute: string) => string, status: CallStatus) {
  const { sql, bindings } = statusSql(col, status);
  qb.whereRaw(sql, bindings);
}
