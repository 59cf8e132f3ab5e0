import type { Core } from '@strapi/strapi';
import type { BreakdownRow, EntryRow } from '../../../shared/contracts/analytics';
import type { AdminUser } from './user-rows';

/** How long looked-up labels and users are reused. */
const LOOKUP_MS = 10_000;
/** Attributes that usually name an entry, in the order they are tried. */
const TITLE_FIELDS = ['title', 'name', 'label', 'displayName', 'headline', 'slug'];

type Row = Record<string, unknown> & { id: number };
type AnyUid = 'plugin::llm.task';

/**
 * Names for the ids an analytics document shows: providers, models, tasks, users, entries. They
 * change rarely and every page view needs them, so they are kept for LOOKUP_MS and looked up again
 * as soon as an id is missing; one query per list, never per row.
 */
export function createLookups(strapi: Core.Strapi) {
  const lookups = new Map<string, { at: number; rows: Map<number, Row> }>();

  async function lookUp(
    key: string,
    ids: number[],
    load: (ids: number[]) => Promise<Row[]>
  ): Promise<Map<number, Row>> {
    const wanted = [...new Set(ids.filter((id) => id > 0))];
    const cached = lookups.get(key);
    if (cached && Date.now() - cached.at < LOOKUP_MS && wanted.every((id) => cached.rows.has(id)))
      return cached.rows;
    if (wanted.length === 0) return new Map();
    const rows = new Map((await load(wanted)).map((row) => [row.id, row]));
    lookups.set(key, { at: Date.now(), rows });
    return rows;
  }

  const contentTypeName = (uid: string) =>
    (strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.info?.displayName as
      string | undefined) ?? uid;

  /** The entries' titles, one query per content type that has a title-like field. */
  async function titlesOf(entries: Array<{ uid: string; documentId: string }>) {
    const titles = new Map<string, string>();
    for (const uid of new Set(entries.map((e) => e.uid))) {
      const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
      const field =
        contentType &&
        TITLE_FIELDS.find(
          (name) =>
            (contentType.attributes[name] as { type?: string } | undefined)?.type === 'string'
        );
      if (!field) continue;
      const ids = entries.filter((e) => e.uid === uid).map((e) => e.documentId);
      const found = (await strapi.db
        .query(uid as AnyUid)
        .findMany({ where: { documentId: { $in: ids } }, select: ['documentId', field] })) as Row[];
      for (const entry of found)
        if (entry[field]) titles.set(`${uid}|${entry.documentId}`, String(entry[field]));
    }
    return titles;
  }

  return {
    contentTypeName,

    /** A field of each record (its name), by id. */
    async names(uid: string, ids: number[], field: string): Promise<Map<number, string>> {
      const rows = await lookUp(uid, ids, (wanted) =>
        strapi.db.query(uid as AnyUid).findMany({ where: { id: { $in: wanted } } })
      );
      return new Map([...rows].map(([id, row]) => [id, String(row[field] ?? id)]));
    },

    /** Admin users with their roles, in the order of `ids` (deleted ones left out). */
    async admins(ids: number[]): Promise<AdminUser[]> {
      const rows = await lookUp('admin::user', ids, (wanted) =>
        strapi.db
          .query('admin::user')
          .findMany({ where: { id: { $in: wanted } }, populate: ['roles'] })
      );
      return ids.map((id) => rows.get(id)).filter((row): row is Row => !!row) as AdminUser[];
    },

    /** Entry rows with their content type's name and the entry's own title. */
    async entryRows(rows: BreakdownRow[]): Promise<EntryRow[]> {
      const split = rows.map((row) => {
        const [uid, documentId] = row.key.split('|');
        return { row, uid, documentId };
      });
      const titles = await titlesOf(split);
      return split.map(({ row, uid, documentId }) => ({
        ...row,
        label: titles.get(row.key) ?? documentId,
        uid,
        documentId,
        contentType: contentTypeName(uid),
      }));
    },

    clear: () => lookups.clear(),
  };
}
