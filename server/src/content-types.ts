import { errors } from '@strapi/utils';
import { schemas, UID } from '../../content-types';
import { isPriceText } from './pricing/money';
import { encryptApiKey, isEncrypted } from './secrets/api-key';
import { describeAllowedKeyEnv, isAllowedKeyEnv } from './secrets/api-key-env';
import { apiKeySecret, securityConfig } from './plugin-config';
import { assertMayConfigure } from './security/authority';
import { secretLifecycles } from './security/secret-fields';
import { assertOutboundAllowed, OutboundRefusedError } from './security/outbound';
import { getService } from './utils/get-service';

type LifecycleEvent = { model: { uid: string }; params: { data?: Record<string, unknown> } };

const strapi = () =>
  (globalThis as unknown as { strapi: import('@strapi/strapi').Core.Strapi }).strapi;

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

/**
 * Provider writes: the adapter must be registered; the base URL must be an allowed destination; a
 * key comes from an allowed environment variable or is stored encrypted, never as typed.
 */
async function beforeProviderWrite(event: LifecycleEvent) {
  const data = event.params.data;
  if (!data) return;
  const security = securityConfig(strapi());
  if (typeof data.adapter === 'string') {
    const adapters = getService(strapi(), 'adapters');
    if (!adapters.has(data.adapter)) {
      throw new errors.ValidationError(
        `Unknown adapter "${data.adapter}". Known adapters: ${adapters.names().join(', ')}`
      );
    }
  }
  if (typeof data.baseURL === 'string' && data.baseURL.trim() !== '') {
    const baseURL = data.baseURL.trim();
    data.baseURL = baseURL;
    try {
      await assertOutboundAllowed(baseURL, security);
    } catch (error) {
      if (error instanceof OutboundRefusedError)
        throw new errors.ValidationError(`baseURL: ${error.message}`);
      throw error;
    }
  }
  if (
    typeof data.apiKeyEnv === 'string' &&
    data.apiKeyEnv !== '' &&
    !isAllowedKeyEnv(data.apiKeyEnv, security.apiKeyEnv)
  ) {
    throw new errors.ValidationError(
      `apiKeyEnv: ${data.apiKeyEnv} is not an allowed variable; allowed: ${describeAllowedKeyEnv(security.apiKeyEnv)} (plugin config security.apiKeyEnv)`
    );
  }
  // An empty key is no key (the key is write-only: a form never shows it, so it never sends it back).
  if (data.apiKey === '') data.apiKey = null;
  if (typeof data.apiKey === 'string' && !isEncrypted(data.apiKey)) {
    const secret = apiKeySecret(strapi());
    if (!secret) {
      throw new errors.ValidationError(
        'No encryption key is configured for API keys: set the plugin config encryptionKey, or use apiKeyEnv'
      );
    }
    data.apiKey = encryptApiKey(data.apiKey, secret);
  }
}

const PRICE_FIELDS = [
  'priceInput',
  'priceOutput',
  'priceCacheRead',
  'priceCacheWrite',
  'priceImage',
  'priceCharacters',
  'priceAudioMinute',
];

/** Model writes: prices are exact decimal text; '' means "use the catalogue" and is stored as null. */
function beforeModelWrite(event: LifecycleEvent) {
  const data = event.params.data;
  if (!data) return;
  for (const field of PRICE_FIELDS) {
    const value = data[field];
    if (value === undefined || value === null) continue;
    if (value === '') {
      data[field] = null;
      continue;
    }
    if (!isPriceText(value)) {
      throw new errors.ValidationError(
        `${field} must be a price in USD such as "0.075" (at most 9 decimals), got ${JSON.stringify(value)}`
      );
    }
  }
  if (data.capabilities !== undefined && data.capabilities !== null) {
    const known = [
      'chat',
      'embedding',
      'vision',
      'image',
      'speech',
      'transcription',
      'translation',
    ];
    if (
      !Array.isArray(data.capabilities) ||
      data.capabilities.some((c: unknown) => !known.includes(c as string))
    ) {
      throw new errors.ValidationError(
        `capabilities must be a list drawn from ${known.join(', ')}`
      );
    }
  }
}

/** Usage rows are the ledger: only the gateway writes them (with raw SQL that skips these hooks). */
const refuseLedgerWrite = () => {
  throw new errors.ApplicationError(
    'LLM usage rows are written by the gateway only; they cannot be created, edited or deleted by hand'
  );
};
const readOnlyLedger = {
  beforeCreate: refuseLedgerWrite,
  beforeUpdate: refuseLedgerWrite,
  beforeDelete: refuseLedgerWrite,
  beforeCreateMany: refuseLedgerWrite,
  beforeUpdateMany: refuseLedgerWrite,
  beforeDeleteMany: refuseLedgerWrite,
};

/** Any write to what the gateway resolves drops its cache. */
const invalidate = () => {
  getService(strapi(), 'llm').invalidateCache();
  getService(strapi(), 'analytics').invalidateLabels();
};
const invalidating = {
  afterCreate: invalidate,
  afterUpdate: invalidate,
  afterDelete: invalidate,
  afterUpdateMany: invalidate,
  afterDeleteMany: invalidate,
};

export default {
  provider: {
    schema: schemas.provider,
    lifecycles: {
      ...invalidating,
      ...guardedWrites(beforeProviderWrite),
      ...secretLifecycles(UID.provider),
    },
  },
  model: {
    schema: schemas.model,
    lifecycles: { ...invalidating, ...guardedWrites(beforeModelWrite) },
  },
  configuration: {
    schema: schemas.configuration,
    lifecycles: { ...invalidating, ...guardedWrites() },
  },
  task: { schema: schemas.task, lifecycles: { ...invalidating, ...guardedWrites() } },
  usage: { schema: schemas.usage, lifecycles: readOnlyLedger },
  'usage-rollup': { schema: schemas['usage-rollup'], lifecycles: readOnlyLedger },
  budget: { schema: schemas.budget },
  'budget-counter': { schema: schemas['budget-counter'] },
};

export { UID };
