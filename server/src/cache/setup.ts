import type { Core } from '@strapi/strapi';
import { pluginConfig } from '../plugin-config';
import { redisConnection, whenReady } from '../redis/connection';
import { getService } from '../utils/get-service';
import { createDatabaseStore } from './database-store';
import { createRedisStore } from './redis-store';
import { createResponseCache, type ResponseCache } from './response-cache';
import type { ResponseCacheStore } from './store';

const caches = new WeakMap<Core.Strapi, ResponseCache>();

/** The store the config names: Redis when `cache.store` is 'redis', else the database. */
function storeFor(strapi: Core.Strapi): ResponseCacheStore {
  const { cache } = pluginConfig(strapi);
  return cache.store === 'redis' && cache.url
    ? createRedisStore(redisConnection(cache.url), cache.keyPrefix)
    : createDatabaseStore(strapi);
}

/** The site's response cache (one per Strapi instance; its store chosen on first use). */
export function responseCacheOf(strapi: Core.Strapi): ResponseCache {
  let cache = caches.get(strapi);
  if (!cache) {
    let store: ResponseCacheStore | undefined;
    cache = createResponseCache({
      store: () => (store ??= storeFor(strapi)),
      now: () => getService(strapi, 'clock').now(),
      warn: (message) => strapi.log.warn(message),
    });
    caches.set(strapi, cache);
  }
  return cache;
}

/** How long bootstrap waits for Redis, so the first calls can use the cache (never longer). */
const REDIS_BOOT_WAIT_MS = 2000;

/** Bootstrap: opens Redis when configured and schedules the expired-entry cleanup. */
export async function startResponseCache(strapi: Core.Strapi) {
  const { cache } = pluginConfig(strapi);
  // Commands are never queued while Redis connects, so calls made before it is ready would miss
  // and drop their answers: wait for it, briefly, then go on without it (the cache fails open).
  if (
    cache.store === 'redis' &&
    cache.url &&
    !(await whenReady(redisConnection(cache.url), REDIS_BOOT_WAIT_MS))
  )
    strapi.log.warn(
      `llm: Redis for the response cache is not ready after ${REDIS_BOOT_WAIT_MS} ms; calls miss the cache until it is`
    );
  strapi.cron.add({
    llmResponseCachePrune: {
      task: () =>
        responseCacheOf(strapi)
          .prune(cache.pruneBatchSize)
          .then((deleted) => {
            if (deleted > 0) strapi.log.info(`llm: deleted ${deleted} expired cached answer(s)`);
          })
          .catch((error: Error) =>
            strapi.log.error(`llm: deleting expired cached answers failed: ${error.message}`)
          ),
      options: { rule: cache.pruneCron },
    },
  });
}
