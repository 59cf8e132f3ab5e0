import { errors } from '@strapi/utils';
import { UID } from '../schemas';
import { configurationLifecycles, strapi, type LifecycleEvent } from '../../lifecycles/shared';
import { apiKeySecret, securityConfig } from '../../plugin-config';
import { encryptApiKey, isEncrypted } from '../../secrets/api-key';
import { describeAllowedKeyEnv, isAllowedKeyEnv } from '../../secrets/api-key-env';
import { assertOutboundAllowed, OutboundRefusedError } from '../../security/outbound';
import { secretLifecycles } from '../../security/secret-fields';
import { getService } from '../../utils/get-service';

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

type WriteEvent = LifecycleEvent & { params: { where?: Record<string, unknown> } };

const sameText = (a: unknown, b: unknown) =>
  (typeof a === 'string' ? a.trim() : '') === (typeof b === 'string' ? b.trim() : '');

/**
 * The stored key belongs to the host it was entered for: an update that points the provider
 * elsewhere (another base URL or adapter, so another default host) without giving a key of its own
 * drops the stored one, and the admin enters it again. Else whoever may edit providers could send
 * the key to a host of theirs and read it there. Checked here, at the query engine, so the Content
 * Manager, the Document Service and the plugin's routes are all covered.
 */
async function dropKeyOnNewHost(event: WriteEvent) {
  const data = event.params.data;
  if (!data || !('baseURL' in data || 'adapter' in data)) return;
  if (typeof data.apiKey === 'string' && data.apiKey !== '') return;
  const rows = (await strapi()
    .db.query(UID.provider)
    .findMany({ where: event.params.where ?? {}, select: ['id', 'baseURL', 'adapter'] })) as Array<{
    baseURL?: string | null;
    adapter?: string | null;
  }>;
  const moved = rows.some(
    (row) =>
      ('baseURL' in data && !sameText(data.baseURL, row.baseURL)) ||
      ('adapter' in data && !sameText(data.adapter, row.adapter))
  );
  if (moved) data.apiKey = null;
}

const configuration = configurationLifecycles(beforeProviderWrite);

export default {
  ...configuration,
  async beforeUpdate(event: WriteEvent) {
    await configuration.beforeUpdate(event);
    await dropKeyOnNewHost(event);
  },
  async beforeUpdateMany(event: WriteEvent) {
    await configuration.beforeUpdateMany(event);
    await beforeProviderWrite(event);
    await dropKeyOnNewHost(event);
  },
  ...secretLifecycles(UID.provider),
};
