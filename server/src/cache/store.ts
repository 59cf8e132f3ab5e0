import type {
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';

/**
 * One cached answer: what the provider returned (text, reasoning and tool-call parts, the finish
 * reason, its usage) and what the original call cost, so a hit can record what it saved.
 */
export interface CachedResponse {
  content: LanguageModelV3Content[];
  finishReason: LanguageModelV3FinishReason;
  usage: LanguageModelV3Usage;
  /** The original call's cost in nano-USD (decimal text); null when it could not be priced. */
  costNano: string | null;
}

/** Which configuration and model an entry answers for (the database store deletes by them). */
export interface EntryOwner {
  configurationId: number | null;
  modelId: number;
}

/**
 * Where cached answers live (the database by default, Redis when configured). Every method may
 * throw when the store is unreachable; the response cache fails open around them.
 */
export interface ResponseCacheStore {
  readonly name: 'database' | 'redis';
  get(key: string, now: Date): Promise<CachedResponse | null>;
  set(
    key: string,
    value: CachedResponse,
    ttlMs: number,
    owner: EntryOwner,
    now: Date
  ): Promise<void>;
  /** Drops a configuration's or a model's entries (their lifecycles); a no-op where keys expire alone. */
  forget(owner: Partial<EntryOwner>): Promise<void>;
  /** Deletes expired entries, `batchSize` per statement; the number deleted. */
  prune(now: Date, batchSize: number): Promise<number>;
}
