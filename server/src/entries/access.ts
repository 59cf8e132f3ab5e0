import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  checkerFor,
  entryView,
  permissionChecker,
  type Entity,
  type Filters,
  type UserAbility,
} from '../policies/content-access';
import { refuseUnsafePaths, refuseWhatTheContentManagerRefuses } from './filter-checks';

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
    refuseUnsafePaths(strapi, ctx.state.userAbility, uid, filters);
    await refuseWhatTheContentManagerRefuses(checker, filters);
  }
  const scoped = await checker.sanitizedQuery.read({ filters });
  return { filters: (scoped.filters ?? {}) as Entity, visible: entryView(strapi, ctx, uid) };
}

/** The caller's filters on `uid`, checked path by path and joined with their role's conditions (any caller holding an ability). */
export function entryAccess(strapi: Core.Strapi, userAbility: UserAbility, uid: string) {
  const checker = permissionChecker(strapi, userAbility, uid);
  return {
    async scopeFilters(filters: Filters): Promise<Filters> {
      refuseUnsafePaths(strapi, userAbility, uid, filters);
      await refuseWhatTheContentManagerRefuses(checker, filters);
      return (await checker.sanitizedQuery.read({ filters })).filters ?? {};
    },
  };
}
