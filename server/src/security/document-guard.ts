import type { Core } from '@strapi/strapi';
import { assertMayReadLedger, LEDGER_TYPES } from './authority';
import { assertNoSecretInQuery, modelGetter, withoutSecrets } from './secret-fields';

const READS = new Set(['findOne', 'findMany', 'findFirst', 'count']);

/**
 * A Document Service middleware that holds whoever calls the Document Service — the Content
 * Manager, other plugins, app code: stored secrets never leave it and cannot be queried on, and an
 * admin request reads the usage ledger only with `analytics.read`.
 */
export function registerDocumentGuard(strapi: Core.Strapi) {
  const getModel = modelGetter(strapi);
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    assertNoSecretInQuery(getModel, uid, context.params as Record<string, unknown> | undefined);
    if (LEDGER_TYPES.includes(uid) && READS.has(action)) assertMayReadLedger(strapi, uid);
    return withoutSecrets(getModel, uid, await next());
  });
}
