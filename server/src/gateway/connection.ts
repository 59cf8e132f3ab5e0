import type { ProviderConnection } from '../adapters/types';
import { decryptApiKey } from '../secrets/api-key';
import { describeAllowedKeyEnv, isAllowedKeyEnv } from '../secrets/api-key-env';
import { guardedFetch, urlRefusal, type OutboundPolicy } from '../security/outbound';
import { LlmError } from './errors';
import type { ProviderRecord } from './types';

export interface ConnectionParts {
  /** Secret that decrypts stored API keys (plugin config, else the admin's encryption key). */
  secret: () => string | undefined;
  /** The app's security config: allowed key variables and outbound destinations. */
  security: () => OutboundPolicy & { apiKeyEnv: string[] };
}

/**
 * A provider record as adapters use it: the key read from an allowed environment variable or
 * decrypted, and a `fetch` that reaches only allowed destinations. The rules are checked again here
 * although they were checked on save: the app's config may have narrowed since, and a record may
 * predate them.
 */
export function createConnections(parts: ConnectionParts) {
  let fetchFor: { policy: OutboundPolicy; fetch: typeof fetch } | null = null;
  const outboundFetch = (policy: OutboundPolicy) => {
    if (fetchFor?.policy !== policy) fetchFor = { policy, fetch: guardedFetch(policy) };
    return fetchFor.fetch;
  };

  return function connectionFor(provider: ProviderRecord): ProviderConnection {
    const security = parts.security();
    let apiKey: string | undefined;
    if (provider.apiKeyEnv) {
      if (!isAllowedKeyEnv(provider.apiKeyEnv, security.apiKeyEnv)) {
        throw new LlmError(
          'invalid_request',
          `Provider "${provider.name}": apiKeyEnv ${provider.apiKeyEnv} is not an allowed variable (allowed: ${describeAllowedKeyEnv(security.apiKeyEnv)})`
        );
      }
      apiKey = process.env[provider.apiKeyEnv];
      if (apiKey === undefined)
        throw new LlmError(
          'invalid_request',
          `Provider "${provider.name}": environment variable ${provider.apiKeyEnv} is not set`
        );
    } else if (provider.apiKey) {
      const secret = parts.secret();
      if (!secret)
        throw new LlmError(
          'invalid_request',
          `Provider "${provider.name}" has a stored API key but no encryption key is configured`
        );
      apiKey = decryptApiKey(provider.apiKey, secret);
    }
    const refusal = provider.baseURL ? urlRefusal(provider.baseURL, security) : null;
    if (refusal)
      throw new LlmError(
        'invalid_request',
        `Provider "${provider.name}": base URL not allowed: ${refusal}`
      );
    return {
      id: provider.id,
      name: provider.name,
      adapter: provider.adapter,
      baseURL: provider.baseURL,
      apiKey,
      timeoutMs: provider.timeoutMs ?? 60_000,
      maxRetries: provider.maxRetries ?? 2,
      fetch: outboundFetch(security),
      outbound: security,
    };
  };
}
