import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

/**
 * What of the site's content an admin caller may reach through the plugin's routes: exactly what
 * the Content Manager would show them — the type, the entries (conditions such as "only their own"
 * included) and the fields. The Content Manager's own permission checker decides every case.
 */

const CM_READ = 'plugin::content-manager.explorer.read';

export type Entity = Record<string, unknown>;
export type Filters = Record<string, unknown>;
export type UserAbility = unknown;

/** The part of the Content Manager's permission checker this plugin relies on. */
export interface PermissionChecker {
  can: { read(entity?: unknown, field?: string): boolean };
  cannot: { read(entity?: unknown, field?: string): boolean };
  requiresEntity: { read(): boolean };
  validateQuery(query: { filters: unknown }): Promise<unknown>;
  sanitizeQuery(query: { filters: unknown }): Promise<{ filters?: unknown }>;
  sanitizedQuery: { read(query: { filters: unknown }): Promise<{ filters?: Filters }> };
  sanitizeOutput(entity: Entity): Promise<Entity>;
}

export const permissionChecker = (
  strapi: Core.Strapi,
  userAbility: UserAbility,
  uid: string
): PermissionChecker =>
  strapi
    .plugin('content-manager')
    .service('permission-checker')
    .create({ userAbility, model: uid });
export const checkerFor = (strapi: Core.Strapi, ctx: Context, uid: string) =>
  permissionChecker(strapi, ctx.state.userAbility, uid);

/** Whoever may read a content type in the Content Manager (some of its entries, at least). */
export const mayRead = (ctx: Context, uid: string) =>
  Boolean(ctx.state.userAbility?.can(CM_READ, uid));

/**
 * Whether the caller may read this entry in the Content Manager, conditions included (an Author
 * reads only what they created).
 */
export async function mayReadEntry(
  strapi: Core.Strapi,
  ctx: Context,
  uid: string,
  documentId: string
): Promise<boolean> {
  if (!mayRead(ctx, uid)) return false;
  const entity = await strapi.db
    .query(uid as 'plugin::llm.task')
    .findOne({ where: { documentId }, populate: ['createdBy'] });
  // A deleted entry keeps its usage; the type-level permission decides for it.
  return !entity || !checkerFor(strapi, ctx, uid).cannot.read(entity);
}

/** An entry as the caller may see it in the Content Manager (fields they may not read removed), or null when they may not read it. */
export function entryView(strapi: Core.Strapi, ctx: Context, uid: string) {
  const checker = checkerFor(strapi, ctx, uid);
  return async (entity: Entity): Promise<Entity | null> =>
    checker.cannot.read(entity) ? null : checker.sanitizeOutput(entity);
}

/** The records among `ids` the caller may read (all of them when no condition applies). */
export async function readableIds(
  strapi: Core.Strapi,
  ctx: Context,
  uid: string,
  ids: number[]
): Promise<number[]> {
  if (!mayRead(ctx, uid)) return [];
  const checker = checkerFor(strapi, ctx, uid);
  if (ids.length === 0 || !checker.requiresEntity.read()) return ids;
  const entities = (await strapi.db
    .query(uid as 'plugin::llm.task')
    .findMany({ where: { id: { $in: ids } }, populate: ['createdBy'] })) as Entity[];
  return entities
    .filter((entity) => !checker.cannot.read(entity))
    .map((entity) => entity.id as number);
}
