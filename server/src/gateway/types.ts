import type { ServiceType } from '../../../shared/services';

/** A record named by numeric id, documentId, or (for configurations, tasks) its unique name. */
export type RecordRef = number | string | { id: number } | { documentId: string };

/** The content entry a call works on: its usage is attributed to it (cost per entry). */
export interface EntryRef {
  uid: string;
  documentId: string;
  locale?: string | null;
}

/** Options every gateway method takes. */
export interface CallOptions {
  configuration?: RecordRef;
  model?: RecordRef;
  task?: RecordRef;
  /** Admin user id; defaults to the admin user of the current request; `null` forces "system". */
  user?: number | { id: number } | null;
  /** Which plugin or app feature made the call (e.g. "i18n-autotranslate"). */
  source?: string;
  /** The end user the caller says it calls for (OpenAI's `user` field): a label, never an account. */
  endUser?: string;
  metadata?: Record<string, unknown>;
  entry?: EntryRef;
  abortSignal?: AbortSignal;
  /** Content-API calls: the API token that authorised the request (taken from the request by default). */
  apiTokenId?: number | null;
  /** @internal set by the gateway when a fallback configuration serves a failed call. */
  fallbackFrom?: number;
  /** @internal the configurations this call already tried, first the one it was made with. */
  fallbackTrail?: number[];
  /** @internal the request id of the logical call a fallback hop serves (its first attempt's). */
  attemptOf?: string;
}

export interface ProviderRecord {
  id: number;
  documentId: string;
  name: string;
  adapter: string;
  baseURL?: string | null;
  apiKeyEnv?: string | null;
  apiKey?: string | null;
  timeoutMs?: number | null;
  maxRetries?: number | null;
  active: boolean;
  updatedAt?: string | Date;
}

export interface ModelRecord {
  id: number;
  documentId: string;
  displayName: string;
  modelId: string;
  capabilities?: string[] | null;
  maxOutputTokens?: number | null;
  priceInput?: string | null;
  priceOutput?: string | null;
  priceCacheRead?: string | null;
  priceCacheWrite?: string | null;
  priceImage?: string | null;
  priceCharacters?: string | null;
  priceAudioMinute?: string | null;
  active: boolean;
  provider?: ProviderRecord | null;
  updatedAt?: string | Date;
}

export interface ConfigurationRecord {
  id: number;
  documentId: string;
  name: string;
  systemPrompt?: string | null;
  temperature?: number | null;
  topP?: number | null;
  maxOutputTokens?: number | null;
  settings?: Record<string, unknown> | null;
  active: boolean;
  model?: ModelRecord | null;
  fallback?: { id: number } | null;
  /** Answers identical requests from the response cache (cache/), for `responseCacheTtlSeconds`. */
  responseCache?: boolean | null;
  responseCacheTtlSeconds?: number | null;
  updatedAt?: string | Date;
}

export interface TaskRecord {
  id: number;
  documentId: string;
  name: string;
  service: ServiceType;
  promptTemplate: string;
  variables?: unknown;
  contentApi: boolean;
  configuration?: ConfigurationRecord | null;
  /** Overrides the configuration's response cache: `inherit` (default), `on` or `off`. */
  responseCache?: 'inherit' | 'on' | 'off' | null;
  /** Overrides the configuration's TTL when set. */
  responseCacheTtlSeconds?: number | null;
}

/** Where a call goes, resolved from a configuration, a model or a task. */
export interface ResolvedTarget {
  provider: ProviderRecord;
  model: ModelRecord;
  configuration?: ConfigurationRecord;
  task?: TaskRecord;
}

/** Who and what a call is for: everything a usage row records besides the provider's answer. */
export interface CallContext {
  requestId: string;
  service: ServiceType;
  userId: number | null;
  apiTokenId: number | null;
  source: string | null;
  /** The caller's label for its own end user (at most 256 characters). */
  endUser?: string | null;
  entry?: EntryRef;
  metadata?: Record<string, unknown>;
  startedAt: Date;
  /** Set when this call is the fallback configuration serving a call whose own configuration failed. */
  fallbackFromConfigurationId?: number | null;
  /** The first attempt's request id, on every later attempt of the same logical call. */
  attemptOf?: string | null;
  /** The configuration the call was made with, when a fallback (at any hop of the chain) serves it. */
  fallbackOriginConfigurationId?: number | null;
  /** The call hands the model tools to call (allow-lists: the "tools" capability). */
  usesTools?: boolean;
  /** The call's prompt carries images or other files (allow-lists: the "vision" capability). */
  usesFiles?: boolean;
}
