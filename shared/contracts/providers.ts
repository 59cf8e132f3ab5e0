/**
 * Where a provider's key comes from, without the key: the stored key is write-only, so the admin
 * shows "set / not set" and offers to replace it.
 */
export interface ProviderCredentials {
  /** A key is stored (encrypted) on the provider. */
  apiKeyStored: boolean;
  /** The environment variable the key is read from instead, when one is named. */
  apiKeyEnv: string | null;
  /** Whether the app's config allows that variable (security.apiKeyEnv); null without one. */
  apiKeyEnvAllowed: boolean | null;
  /** Whether that variable is set on the server; null without one. */
  apiKeyEnvSet: boolean | null;
  /** Whether the caller may replace or remove the stored key (plugin::llm.settings.manage). */
  mayManage: boolean;
}

/** GET /llm/providers/:documentId/credentials — whoever may read providers in the Content Manager. */
export declare namespace GetProviderCredentials {
  interface Request {
    params: { documentId: string };
  }
  interface Response {
    data: ProviderCredentials;
  }
}

/** PUT /llm/providers/:documentId/api-key — plugin::llm.settings.manage; `null` removes the stored key. */
export declare namespace SetProviderApiKey {
  interface Request {
    params: { documentId: string };
    body: { apiKey: string | null };
  }
  interface Response {
    data: ProviderCredentials;
  }
}

/** The longest key accepted (real keys are under 300 characters). */
export const MAX_API_KEY_LENGTH = 4096;
