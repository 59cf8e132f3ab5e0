import type { ModelCapability } from '../../../shared/contracts/providers';
import type { OutboundPolicy } from '../security/outbound';
import type {
  EmbeddingModelV3,
  ImageModelV3,
  LanguageModelV3,
  SpeechModelV3,
  TranscriptionModelV3,
} from '@ai-sdk/provider';

/** What an adapter needs from a provider record, with the API key already decrypted or read from env. */
export interface ProviderConnection {
  id: number;
  name: string;
  adapter: string;
  baseURL?: string | null;
  apiKey?: string;
  timeoutMs: number;
  maxRetries: number;
  /**
   * The fetch every request to this provider must use: it reaches only destinations the app's
   * security config allows, judged again at connect time. Adapters pass it to their client.
   */
  fetch: typeof fetch;
  /** The destinations rule itself, for clients that cannot take a fetch (deepl-node's translations). */
  outbound: OutboundPolicy;
}

/** How much of a models list to read: Test connection reads the first page only. */
export interface ListOptions {
  maxPages?: number;
}

/** A model a provider lists (its models endpoint), with what it can be used for. */
export interface ListedModel {
  modelId: string;
  displayName: string;
  capabilities: ModelCapability[];
}

export interface TranslateInput {
  texts: string[];
  targetLanguage: string;
  sourceLanguage?: string;
  abortSignal?: AbortSignal;
}

export interface TranslateOutput {
  texts: string[];
  detectedSourceLanguage?: string;
  /** Characters the provider billed (DeepL reports them). */
  billedCharacters: number;
}

/**
 * A provider adapter hands out AI SDK models (or, for DeepL, a translator). The gateway never
 * speaks a provider's HTTP itself: every request goes through the AI SDK or deepl-node.
 */
export interface ProviderAdapter {
  languageModel?(modelId: string): LanguageModelV3;
  embeddingModel?(modelId: string): EmbeddingModelV3;
  imageModel?(modelId: string): ImageModelV3;
  speechModel?(modelId: string): SpeechModelV3;
  transcriptionModel?(modelId: string): TranscriptionModelV3;
  translate?(input: TranslateInput): Promise<TranslateOutput>;
  /** The models the provider offers (its models endpoint): model discovery and "Test connection". */
  listModels?(signal?: AbortSignal, options?: ListOptions): Promise<ListedModel[]>;
  /** A free request that proves the key works, for providers without a models list (DeepL's usage). */
  checkConnection?(signal?: AbortSignal): Promise<void>;
}

export type AdapterFactory = (connection: ProviderConnection) => ProviderAdapter;
