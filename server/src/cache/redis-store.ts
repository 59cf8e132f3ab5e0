import type { Redis } from 'ioredis';
import type { CachedResponse, ResponseCacheStore } from './store';

/**
 * The shared store: `SET <prefix><key> <json> PX <ttl>` on one Redis, so every instance of the
 * site answers from one cache. Redis expires entries itself; a changed configuration or model
 * changes the key (cache/key.ts), so its old entries are simply never read again.
 */
export function createRedisStore(redis: Redis, keyPrefix: string): ResponseCacheStore {
  return {
    name: 'redis',
    async get(key) {
      const value = await redis.get(keyPrefix + key);
      return value === null ? null : (JSON.parse(value) as CachedResponse);
    },
    async set(key, value, ttlMs) {
      await redis.set(keyPrefix + key, JSON.stringify(value), 'PX', ttlMs);
    },
    async forget() {
      // Versioned keys: nothing to find by owner, and the TTL bounds what is left behind.
    },
    async prune() {
      return 0;
    },
  };
}
