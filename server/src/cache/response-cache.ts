import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { ResolvedTarget } from '../gateway/types';
import { cacheKey } from './key';
import { cacheTtlMs } from './policy';
import type { CachedResponse, EntryOwner, ResponseCacheStore } from './store';

export interface ResponseCacheDeps {
  store: () => ResponseCacheStore;
  now: () => Date;
  warn: (message: string) => void;
}

/** Where one call's answer would be cached: its key and how long. */
export interface CachePlan {
  key: string;
  ttlMs: number;
}

/**
 * The gateway's response cache over a store. It fails open: a store that cannot be read or written
 * (Redis down, a database error) makes the call a miss that goes to the provider, never a failed
 * call; the first failure is logged as a warning, and again only after the store has worked since.
 */
export function createResponseCache(deps: ResponseCacheDeps) {
  let failing = false;
  // Writes run off the call path (the caller has its answer); settled() waits for them.
  const pending = new Set<Promise<void>>();
  const failOpen = (what: string, error: unknown) => {
    if (failing) return;
    failing = true;
    deps.warn(
      `llm: the response cache (${deps.store().name}) could not ${what}; calls go to the provider until it can: ${(error as Error)?.message ?? error}`
    );
  };

  return {
    /** The key and TTL of a call whose configuration or task caches answers; null otherwise. */
    plan(target: ResolvedTarget, params: LanguageModelV3CallOptions): CachePlan | null {
      const ttlMs = cacheTtlMs(target);
      return ttlMs === null ? null : { key: cacheKey(target, params), ttlMs };
    },
    async get(key: string): Promise<CachedResponse | null> {
      try {
        const value = await deps.store().get(key, deps.now());
        failing = false;
        return value;
      } catch (error) {
        failOpen('be read', error);
        return null;
      }
    },
    /** Stores an answer without holding up the call; never throws. */
    put(plan: CachePlan, value: CachedResponse, target: ResolvedTarget): void {
      const owner: EntryOwner = {
        configurationId: target.configuration?.id ?? null,
        modelId: target.model.id,
      };
      const write = deps
        .store()
        .set(plan.key, value, plan.ttlMs, owner, deps.now())
        .then(
          () => {
            failing = false;
          },
          (error) => failOpen('be written', error)
        )
        .finally(() => pending.delete(write));
      pending.add(write);
    },
    /** Resolves when every answer stored so far is in the store (tests, shutdown). */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    /** Drops a configuration's or model's entries (their lifecycles); failures only logged. */
    async forget(owner: Partial<EntryOwner>): Promise<void> {
      await deps
        .store()
        .forget(owner)
        .catch((error: Error) => failOpen('drop old entries', error));
    },
    /** Deletes expired entries (the cron job). */
    prune: (batchSize: number) => deps.store().prune(deps.now(), batchSize),
  };
}

export type ResponseCache = ReturnType<typeof createResponseCache>;
