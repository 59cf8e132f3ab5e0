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

/** What a model can be used for (the model content type's `capabilities`). */
export const MODEL_CAPABILITIES = [
  'chat',
  'embedding',
  'vision',
  'image',
  'speech',
  'transcription',
  'translation',
] as const;
export type ModelCapability = (typeof MODEL_CAPABILITIES)[number];

/** The outcome of one "Test connection": never thrown, always shown. */
export interface ConnectionTest {
  ok: boolean;
  /** How the provider was asked: its models list, its usage endpoint (DeepL), or a one-token chat (metered). */
  method: 'models' | 'usage' | 'chat';
  /** Milliseconds from the request to the provider's answer (or failure). */
  latencyMs: number;
  /** How many models the provider listed on the first page of its list (method `models`). */
  modelCount?: number;
  /**
   * The gateway's error code (provider_error, provider_timeout, response_too_large…) and message
   * (the key masked as ***, at most 300 characters); the failed probe's usage row (method `chat`).
   */
  error?: { code: string; message: string; providerStatus?: number; requestId?: string };
}

/** POST /llm/providers/:documentId/test-connection — plugin::llm.settings.manage. */
export declare namespace TestProviderConnection {
  interface Request {
    params: { documentId: string };
  }
  interface Response {
    data: ConnectionTest;
  }
}

/** A catalogue price per unit, as decimal USD text (tokens per 1 M, audio per minute); null = not listed. */
export interface CataloguePrices {
  priceInput: string | null;
  priceOutput: string | null;
  priceCacheRead: string | null;
  priceCacheWrite: string | null;
  priceAudioMinute: string | null;
}

/** One model a provider offers, beside what the plugin knows of it. */
export interface AvailableModel {
  modelId: string;
  displayName: string;
  capabilities: ModelCapability[];
  /** The bundled catalogue's prices today; null when the catalogue does not know the model. */
  catalogue: CataloguePrices | null;
  /** A model of this provider with this model id is already configured. */
  configured: boolean;
  /**
   * The catalogue prices it by prompt size (a dearer tier above e.g. 200k input tokens): `catalogue`
   * shows the base tier, and an import never pins its prices (it follows the catalogue, every tier).
   */
  tiered: boolean;
}

/** The most models one listing returns (the rest are left off: `meta.truncated`). */
export const MAX_LISTED_MODELS = 2000;
/** The longest model name and model id a model record holds (the model type's limits). */
export const MAX_MODEL_NAME_LENGTH = 120;
export const MAX_MODEL_ID_LENGTH = 200;

/** GET /llm/providers/:documentId/available-models — plugin::llm.settings.manage. */
export declare namespace ListAvailableModels {
  interface Request {
    params: { documentId: string };
  }
  interface Response {
    data: AvailableModel[];
    /** truncated: the provider listed more than MAX_LISTED_MODELS (or ids too long to configure). */
    meta: { truncated: boolean; limit: number };
  }
}

/** POST /llm/providers/:documentId/models/import — plugin::llm.settings.manage. */
export declare namespace ImportProviderModels {
  interface Request {
    params: { documentId: string };
    body: {
      models: Array<{ modelId: string; displayName?: string; capabilities?: ModelCapability[] }>;
      /** Copy the catalogue's prices into the models (pinned); false leaves them empty (follow the catalogue). */
      pinPrices: boolean;
    };
  }
  interface Response {
    data: {
      created: Array<{ documentId: string; modelId: string }>;
      /** Model ids already configured on this provider (or twice in the request): left as they are. */
      skipped: string[];
      /** Pinning was asked, but the catalogue prices these by tier: created following the catalogue. */
      followingCatalogue: string[];
    };
  }
}

/** The most models one import creates. */
export const MAX_IMPORTED_MODELS = 200;
