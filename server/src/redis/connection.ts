import { Redis } from 'ioredis';

/**
 * The plugin's one Redis connection, opened at bootstrap when the config names a Redis URL
 * (`cache.url` today; other shared state may use it later) and closed in destroy. Commands fail
 * fast while Redis is down (no offline queue, one retry) so callers can fail open.
 */
export function openRedis(url: string): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    // A Redis that is connected but does not answer (a partition, a stalled fork) must not hold
    // calls: a command that takes longer fails, and the cache treats it as a miss.
    commandTimeout: 500,
    // Keep trying in the background, at most every 2 s, so a Redis that comes back is used again.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Errors are reported by the commands that fail; an unhandled 'error' event would crash the process.
  redis.on('error', () => undefined);
  redis.connect().catch(() => undefined);
  return redis;
}

/** Resolves true once `redis` is ready, false if it is not within `ms` (the caller fails open). */
export function whenReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    redis.once('ready', onReady);
  });
}

let shared: Redis | null = null;
let sharedUrl: string | null = null;

/** The process's connection to `url`, opened on first use. */
export function redisConnection(url: string): Redis {
  if (!shared || sharedUrl !== url) {
    shared = openRedis(url);
    sharedUrl = url;
  }
  return shared;
}

/** Closes the shared connection (plugin destroy). */
export async function closeRedis(): Promise<void> {
  const redis = shared;
  shared = null;
  sharedUrl = null;
  if (redis) await redis.quit().catch(() => redis.disconnect());
}
