import type { Core, UID as StrapiUID } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/** The SQL dialects the plugin supports (Strapi's `mysql` client covers MariaDB too). */
export type Dialect = 'sqlite' | 'postgres' | 'mysql';

/** The knex instance under Strapi's query engine, for SQL the engine cannot express. */
export const knexOf = (strapi: Core.Strapi) => strapi.db.connection as unknown as Knex;

export const dialectOf = (strapi: Core.Strapi) => strapi.db.dialect.client as Dialect;

/**
 * A content type's table for plain SQL: its name and its column names by attribute. Strapi maps
 * attribute names to snake_case columns (`costNano` → `cost_nano`); the metadata is the authority,
 * so a renamed column never needs a second edit here. An unknown attribute is a programming error.
 */
export function tableOf(strapi: Core.Strapi, uid: string) {
  const meta = strapi.db.metadata.get(uid as StrapiUID.Schema);
  const names = new Map<string, string>();
  const column = (attribute: string): string => {
    let name = names.get(attribute);
    if (name === undefined) {
      const attr = meta.attributes[attribute] as { columnName?: string } | undefined;
      if (!attr?.columnName) throw new Error(`No column for ${uid}.${attribute}`);
      name = attr.columnName;
      names.set(attribute, name);
    }
    return name;
  };
  return { name: meta.tableName, column };
}

export type Table = ReturnType<typeof tableOf>;

/**
 * The columns Strapi writes on every row of a draft-and-publish-less content type, for rows the
 * plugin inserts with plain SQL (usage, rollups, budget counters): without them the Content
 * Manager would list rows it cannot open.
 */
export const SYSTEM_COLUMNS = ['document_id', 'created_at', 'updated_at', 'published_at'] as const;

export const newDocumentId = () => randomBytes(12).toString('hex');

export const systemValues = (now: Date) => ({
  document_id: newDocumentId(),
  created_at: now,
  updated_at: now,
  published_at: now,
});
