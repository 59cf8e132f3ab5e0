import type { Core } from '@strapi/strapi';
import { UID } from '../../content-types';

type Data = Record<string, unknown>;

/** Creates through the Document Service, as the Content Manager does, so lifecycles run. */
async function create(strapi: Core.Strapi, uid: string, data: Data) {
  return (await strapi.documents(uid as any).create({ data: data as any })) as any;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Date.now().toString(36)}`;

export const createProvider = (strapi: Core.Strapi, data: Data & { adapter: string }) =>
  create(strapi, UID.provider, {
    name: unique(data.adapter),
    apiKey: 'sk-test-key-123',
    maxRetries: 0,
    timeoutMs: 5000,
    ...data,
  });

export const createModel = (
  strapi: Core.Strapi,
  provider: { id: number },
  data: Data & { modelId: string }
) => create(strapi, UID.model, { displayName: data.modelId, provider: provider.id, ...data });

export const createConfiguration = (strapi: Core.Strapi, model: { id: number }, data: Data = {}) =>
  create(strapi, UID.configuration, { name: unique('configuration'), model: model.id, ...data });

export const createTask = (
  strapi: Core.Strapi,
  configuration: { id: number },
  data: Data & { promptTemplate: string }
) =>
  create(strapi, UID.task, {
    name: unique('task'),
    configuration: configuration.id,
    service: 'chat',
    ...data,
  });

/** Raw usage rows and rollup rows, read straight from the tables (what the KPI tests recompute from). */
export async function usageRows(strapi: Core.Strapi, where: Data = {}) {
  return strapi.db.query(UID.usage).findMany({ where, orderBy: { id: 'asc' } }) as Promise<any[]>;
}

export async function rollupRows(strapi: Core.Strapi, where: Data = {}) {
  return strapi.db.query(UID.usageRollup).findMany({ where }) as Promise<any[]>;
}

export const llm = (strapi: Core.Strapi) => strapi.plugin('llm').service('llm');
/** The one usage row of a call, once everything recorded so far is written. */
export async function usageRowOf(strapi: Core.Strapi, requestId: string) {
  await flushUsage(strapi);
  const rows = await usageRows(strapi, { requestId });
  if (rows.length !== 1)
    throw new Error(`expected one usage row for ${requestId}, found ${rows.length}`);
  return rows[0];
}

/** Waits until every call made so far is in the database: usage rows, rollups, budget settlements. */
export async function flushUsage(strapi: Core.Strapi) {
  await strapi.plugin('llm').service('budget').settled();
  await strapi.plugin('llm').service('usage').flush();
}

/**
 * Removes all usage and budget counters: a budget created afterwards starts from zero. (Budgets
 * count the usage already in their window, so tests that need an empty window must empty it.)
 */
export async function clearUsage(strapi: Core.Strapi) {
  await flushUsage(strapi);
  // The ledger refuses deletes through the query engine (its lifecycles): empty the tables directly.
  const knex = strapi.db.connection;
  for (const uid of [UID.usage, UID.usageRollup, UID.budgetCounter])
    await knex(strapi.db.metadata.get(uid).tableName).del();
  strapi.plugin('llm').service('budget').invalidate();
}

/** A provider's stored (encrypted) key, read with plain SQL: every other read path withholds it. */
export async function storedApiKey(
  strapi: Core.Strapi,
  providerId: number
): Promise<string | null> {
  const meta = strapi.db.metadata.get(UID.provider);
  const column = (meta.attributes.apiKey as unknown as { columnName: string }).columnName;
  const row = await strapi.db.connection(meta.tableName).where('id', providerId).first(column);
  return (row?.[column] as string | null | undefined) ?? null;
}
