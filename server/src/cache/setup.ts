import type { Core } from '@strapi/strapi';
import { pluginConfig } from '../plugin-config';
import { redisConnection } from '../redis/connection';
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

/** Bootstrap: opens Redis when configured and schedules the expired-entry cleanup. */
export function startResponseCache(strapi: Core.Strapi) {
  const { cache } = pluginConfig(strapi);
  if (cache.store === 'redis' && cache.url) redisConnection(cache.url);
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
