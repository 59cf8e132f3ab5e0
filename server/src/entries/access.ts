import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { LlmError } from '../gateway/errors';
import { filterPaths } from '../security/query-paths';

/**
 * What of the site's content an admin caller may reach through the plugin's routes: exactly what
 * the Content Manager would show them — the type, the entries (conditions such as "only their own"
 * included) and the fields. The Content Manager's own permission checker decides every case.
 */

const CM_READ = 'plugin::content-manager.explorer.read';

type Entity = Record<string, unknown>;
interface Checker {
  can: { read(entity?: Entity | null, field?: string): boolean };
  cannot: { read(entity?: Entity | null, field?: string): boolean };
  requiresEntity: { read(): boolean };
  sanitizeQuery(query: object): Promise<{ filters?: unknown }>;
  sanitizedQuery: { read(query: object): Promise<{ filters?: unknown }> };
  sanitizeOutput(entity: Entity): Promise<Entity>;
}
type Attribute = { type?: string; target?: string; component?: string; private?: boolean };

const checkerFor = (strapi: Core.Strapi, ctx: Context, uid: string): Checker =>
  strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: uid });

/** Whoever may read a content type in the Content Manager (some of its entries, at least). */
export const mayRead = (ctx: Context, uid: string) => Boolean(ctx.state.userAbility?.can(CM_READ, uid));

/**
 * Whether the caller may read this entry in the Content Manager, conditions included (an Author
 * reads only what they created).
 */
export async function mayReadEntry(strapi: Core.Strapi, ctx: Context, uid: string, documentId: string): Promise<boolean> {
  if (!mayRead(ctx, uid)) return false;
  const entity = await strapi.db.query(uid as any).findOne({ where: { documentId }, populate: ['createdBy'] });
  // A deleted entry keeps its usage; the type-level permission decides for it.
  return !entity || !checkerFor(strapi, ctx, uid).cannot.read(entity);
}

/** An entry as the caller may see it in the Content Manager (fields they may not read removed), or null when they may not read it. */
export function entryView(strapi: Core.Strapi, ctx: Context, uid: string) {
  const checker = checkerFor(strapi, ctx, uid);
  return async (entity: Entity): Promise<Entity | null> => (checker.cannot.read(entity) ? null : checker.sanitizeOutput(entity));
}

/** The records among `ids` the caller may read (all of them when no condition applies). */
export async function readableIds(strapi: Core.Strapi, ctx: Context, uid: string, ids: number[]): Promise<number[]> {
  if (!mayRead(ctx, uid)) return [];
  const checker = checkerFor(strapi, ctx, uid);
  if (ids.length === 0 || !checker.requiresEntity.read()) return ids;
  const entities = (await strapi.db.query(uid as any).findMany({ where: { id: { $in: ids } }, populate: ['createdBy'] })) as Entity[];
  return entities.filter((entity) => !checker.cannot.read(entity)).map((entity) => entity.id as number);
}

/**
 * Why the caller may not filter on this path, or null. A filter is a read, one entry at a time:
 * `createdBy.resetPasswordToken $startsWith "a"` reads an admin's reset token. So a path may name
 * only fields the caller may read, through relations to types they may read, never private fields,
 * never admin users.
 */
function pathRefusal(strapi: Core.Strapi, ctx: Context, uid: string, path: string[]): string | null {
  const name = path.join('.');
  let current = uid;
  let inComponent = false;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (segment === 'id' || segment === 'documentId') return last ? null : `${name} goes past ${segment}`;
    const attribute = (strapi.getModel(current as any) as { attributes?: Record<string, Attribute> } | undefined)?.attributes?.[segment];
    if (!attribute) return `${name}: ${segment} is not a field of ${current}`;
    if (attribute.private || attribute.type === 'password') return `${name} is a private field`;
    if (!inComponent && !checkerFor(strapi, ctx, current).can.read(null, segment)) return `${name}: you may not read ${segment} of ${current}`;
    if (attribute.type === 'relation') {
      const target = attribute.target ?? '';
      if (target.startsWith('admin::')) return `${name}: admin users cannot be filtered on`;
      if (!mayRead(ctx, target)) return `${name}: you may not read ${target}`;
      current = target;
      inComponent = false;
    } else if (attribute.type === 'component' && attribute.component) {
      current = attribute.component;
      inComponent = true;
    } else if (attribute.type === 'media' || attribute.type === 'dynamiczone') {
      return `${name}: ${attribute.type} fields cannot be filtered on here`;
    } else if (!last) {
      return `${name} goes past the field ${segment}`;
    }
  }
  return null;
}

export interface ReadableSelection {
  /** Filters for the Document Service: the caller's, with their role's conditions added. */
  filters: Entity;
  /** The entry as the caller may see it (fields they may not read removed), or null when they may not read it. */
  visible(entity: Entity): Promise<Entity | null>;
}

/**
 * The entries a caller selected (by document ids or by filters), narrowed to what they may read.
 * Ids of entries they may not read behave exactly as ids that do not exist; a filter on a path they
 * may not use is a 400 that names the path, never a silently wider or narrower selection.
 */
export async function readableSelection(
  strapi: Core.Strapi,
  ctx: Context,
  uid: string,
  selection: { documentIds?: string[]; filters?: Entity }
): Promise<ReadableSelection> {
  const checker = checkerFor(strapi, ctx, uid);
  let filters: Entity;
  if (selection.documentIds) {
    filters = { documentId: { $in: selection.documentIds } };
  } else {
    filters = selection.filters ?? {};
    for (const path of filterPaths(filters)) {
      const refusal = pathRefusal(strapi, ctx, uid, path);
      if (refusal) throw new LlmError('invalid_request', `body.filters: ${refusal}`);
    }
    // The Content Manager's own sanitiser must agree: anything it would drop is refused, not dropped.
    const sanitized = await checker.sanitizeQuery({ filters });
    if (JSON.stringify(sanitized.filters ?? {}) !== JSON.stringify(filters)) {
      throw new LlmError('invalid_request', 'body.filters names fields you may not filter on');
    }
  }
  const scoped = await checker.sanitizedQuery.read({ filters });
  return { filters: (scoped.filters ?? {}) as Entity, visible: entryView(strapi, ctx, uid) };
}
