import type { Core } from '@strapi/strapi';
import { knexOf, systemValues, tableOf } from '../db/tables';
import { UID } from '../content-types/schemas';
import type { CachedResponse, EntryOwner, ResponseCacheStore } from './store';

/**
 * The default store: `plugin::llm.response-cache`, one row per key (unique), the answer as JSON
 * text. Works on SQLite, PostgreSQL and MySQL/MariaDB alike; an expired row is never read and
 * the cron job (`llmResponseCachePrune`, cache/setup.ts) deletes them in batches.
 */
export function createDatabaseStore(strapi: Core.Strapi): ResponseCacheStore {
  const knex = knexOf(strapi);
  const table = tableOf(strapi, UID.responseCache);
  const col = {
    key: table.column('cacheKey'),
    value: table.column('value'),
    expiresAt: table.column('expiresAt'),
    configurationId: table.column('configurationId'),
    modelId: table.column('modelId'),
  };

  return {
    name: 'database',
    async get(key, now) {
      const row = await knex(table.name)
        .select(col.value)
        .where(col.key, key)
        .andWhere(col.expiresAt, '>', now)
        .first();
      return row ? (JSON.parse(row[col.value]) as CachedResponse) : null;
    },
    async set(key, value, ttlMs, owner: EntryOwner, now) {
      const fields = {
        [col.value]: JSON.stringify(value),
        [col.expiresAt]: new Date(now.getTime() + ttlMs),
        [col.configurationId]: owner.configurationId,
        [col.modelId]: owner.modelId,
      };
      // Two instances may store the same key at once: the later answer wins, neither fails.
      await knex(table.name)
        .insert({ ...systemValues(now), [col.key]: key, ...fields })
        .onConflict(col.key)
        .merge({ ...fields, updated_at: now });
    },
    async forget(owner) {
      const query = knex(table.name);
      if (owner.configurationId != null) query.orWhere(col.configurationId, owner.configurationId);
      if (owner.modelId != null) query.orWhere(col.modelId, owner.modelId);
      if (owner.configurationId == null && owner.modelId == null) return;
      await query.del();
    },
    async prune(now, batchSize) {
      let deleted = 0;
      for (;;) {
        const ids = (
          await knex(table.name)
            .select('id')
            .where(col.expiresAt, '<=', now)
            .orderBy('id')
            .limit(batchSize)
        ).map((row: { id: number }) => row.id);
        if (ids.length === 0) return deleted;
        deleted += Number(await knex(table.name).whereIn('id', ids).del());
      }
    },
  };
}
