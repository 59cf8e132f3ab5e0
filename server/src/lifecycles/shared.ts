import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { assertMayConfigure } from '../security/authority';
import { getService } from '../utils/get-service';

/**
 * What the content types' lifecycles share (each type's own are in content-types/<name>/lifecycles.ts,
 * beside its schema): the write guard, the read-only ledger, the cache invalidation.
 */

export type LifecycleEvent = {
  model: { uid: string };
  params: { data?: Record<string, unknown> };
};

export const strapi = () => (globalThis as unknown as { strapi: Core.Strapi }).strapi;

/** Every write to a configuration type, however it arrives, needs the plugin's permission first. */
const guarded = (check?: (event: LifecycleEvent) => unknown) => async (event: LifecycleEvent) => {
  assertMayConfigure(strapi(), event.model.uid);
  await check?.(event);
};
const guardedWrites = (check?: (event: LifecycleEvent) => unknown) => ({
  beforeCreate: guarded(check),
  beforeUpdate: guarded(check),
  beforeDelete: guarded(),
  beforeCreateMany: guarded(),
  beforeUpdateMany: guarded(),
  beforeDeleteMany: guarded(),
});

/** Usage rows are the ledger: only the gateway writes them (with raw SQL that skips these hooks). */
const refuseLedgerWrite = () => {
  throw new errors.ApplicationError(
    'LLM usage rows are written by the gateway only; they cannot be created, edited or deleted by hand'
  );
};
export const readOnlyLedger = {
  beforeCreate: refuseLedgerWrite,
  beforeUpdate: refuseLedgerWrite,
  beforeDelete: refuseLedgerWrite,
  beforeCreateMany: refuseLedgerWrite,
  beforeUpdateMany: refuseLedgerWrite,
  beforeDeleteMany: refuseLedgerWrite,
};

/** The response cache's entries of a changed configuration or model (their keys changed anyway). */
const OWNER_FIELD: Record<string, 'configurationId' | 'modelId'> = {
  'plugin::llm.configuration': 'configurationId',
  'plugin::llm.model': 'modelId',
};

/** Any write to what the gateway resolves drops its cache, and the cached answers it changed. */
const invalidate = (event?: LifecycleEvent & { result?: { id?: number } }) => {
  getService(strapi(), 'llm').invalidateCache();
  getService(strapi(), 'analytics').invalidateLabels();
  const field = event && OWNER_FIELD[event.model.uid];
  const id = event?.result?.id;
  if (field && typeof id === 'number')
    void getService(strapi(), 'llm')
      .responseCache()
      .forget({ [field]: id });
};
const invalidating = {
  afterCreate: invalidate,
  afterUpdate: invalidate,
  afterDelete: invalidate,
  afterUpdateMany: invalidate,
  afterDeleteMany: invalidate,
};

/** A configuration type's lifecycles: guarded writes (with its own checks) and cache invalidation. */
export const configurationLifecycles = (check?: (event: LifecycleEvent) => unknown) => ({
  ...invalidating,
  ...guardedWrites(check),
});
