import { createRedisStore } from '../../server/src/cache/redis-store';
import { createResponseCache } from '../../server/src/cache/response-cache';
import type { CachedResponse } from '../../server/src/cache/store';
import { openRedis } from '../../server/src/redis/connection';
import { currentClient } from '../support/database';
import {
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRowOf,
  withConfiguredModel,
} from '../support/fixtures';

// scripts/test.mjs passes TEST_REDIS_URL when Redis answers (and fails the run under
// REQUIRE_ALL_DATABASES=1 when it does not); without it these tests are skipped, and it says so.
const REDIS_URL = process.env.TEST_REDIS_URL ?? '';
const withRedis = REDIS_URL ? describe : describe.skip;
/** Each run its own keys, so runs on the three databases never read each other's entries. */
const PREFIX = `llm-test:${currentClient()}:${process.pid}:${Date.now()}:`;

const ANSWER: CachedResponse = {
  content: [{ type: 'text', text: 'shared answer' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: {
    inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 2, text: 2, reasoning: 0 },
  },
  costNano: '1234',
};
const OWNER = { configurationId: 1, modelId: 1 };

const ready = (redis: ReturnType<typeof openRedis>) =>
  new Promise<void>((resolve) =>
    redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve())
  );

withRedis(`response cache, Redis store (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    stub: { resetBeforeEach: true, defaultBehavior: { usage: { input: 500, output: 100 } } },
    env: { LLM_CACHE_REDIS_URL: REDIS_URL, LLM_CACHE_KEY_PREFIX: PREFIX },
  });
  const redis = openRedis(REDIS_URL);
  beforeAll(() => ready(redis));
  afterAll(async () => {
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('the gateway stores answers in Redis (SET … PX ttl) and answers the next identical call from it', async () => {
    const { configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'redis-cache-model', priceInput: '2', priceOutput: '10' },
      configuration: { responseCache: true, responseCacheTtlSeconds: 120 },
    });
    const prompt = `redis question ${Date.now()}`;
    const first = await llm(app.strapi).chat({ configuration: configuration.id, prompt });
    await llm(app.strapi).responseCache().settled();
    const keys = await redis.keys(`${PREFIX}*`);
    expect(keys).toHaveLength(1);
    const ttl = await redis.pttl(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120_000);

    const second = await llm(app.strapi).chat({ configuration: configuration.id, prompt });
    expect(second.text).toBe(first.text);
    expect(stub.requests).toHaveLength(1);
    await flushUsage(app.strapi);
    const miss = await usageRowOf(app.strapi, first.usage.requestId);
    const hit = await usageRowOf(app.strapi, second.usage.requestId);
    expect(Boolean(hit.cacheHit)).toBe(true);
    expect(String(hit.costNano)).toBe('0');
    // 500 × $2/M + 100 × $10/M = $0.002.
    expect(BigInt(miss.costNano)).toBe(2_000_000n);
    expect(BigInt(hit.savedNano)).toBe(BigInt(miss.costNano));
  });

  it('two stores on one Redis (two instances) share entries; an entry expires with its TTL', async () => {
    // Commands fail fast while a connection is not up (no offline queue): wait until both are.
    const connections = [openRedis(REDIS_URL), openRedis(REDIS_URL)];
    await Promise.all(connections.map(ready));
    const [a, b] = connections.map((connection) => createRedisStore(connection, PREFIX));
    const now = new Date();
    try {
      await a.set('shared-key', ANSWER, 60_000, OWNER, now);
      expect(await b.get('shared-key', now)).toEqual(ANSWER);
      await a.set('short-key', ANSWER, 1000, OWNER, now);
      expect(await b.get('short-key', now)).toEqual(ANSWER);
      // Redis expires it on its own clock: poll (bounded) until it is gone.
      let gone = false;
      for (let i = 0; i < 60 && !gone; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        gone = (await b.get('short-key', new Date())) === null;
      }
      expect(gone).toBe(true);
    } finally {
      await Promise.all(connections.map((connection) => connection.quit()));
    }
  });
});

describe('response cache, Redis down: the call goes to the provider (fails open)', () => {
  // Nothing listens on port 1: every command fails at once.
  const down = () => openRedis('redis://127.0.0.1:1');

  it('a lookup is a miss and a write is dropped, with one warning however many calls fail', async () => {
    const connection = down();
    const warnings: string[] = [];
    const cache = createResponseCache({
      store: () => createRedisStore(connection, 'llm-test:'),
      now: () => new Date(),
      warn: (message) => warnings.push(message),
    });
    try {
      for (let i = 0; i < 3; i++) {
        expect(await cache.get('any-key')).toBeNull();
        cache.put({ key: 'any-key', ttlMs: 1000 }, ANSWER, {
          configuration: { id: 1 },
          model: { id: 1 },
        } as never);
        await cache.settled();
      }
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/response cache \(redis\) could not be read/);
    } finally {
      connection.disconnect();
    }
  });
});

describe(`response cache, Redis configured but down: calls still succeed (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    stub: { resetBeforeEach: true },
    env: { LLM_CACHE_REDIS_URL: 'redis://127.0.0.1:1' },
  });

  it('each identical call goes to the provider and is recorded as a normal call', async () => {
    const { configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'redis-down-model' },
      configuration: { responseCache: true },
    });
    const prompt = `redis is down ${Date.now()}`;
    const first = await llm(app.strapi).chat({ configuration: configuration.id, prompt });
    await llm(app.strapi).responseCache().settled();
    const second = await llm(app.strapi).chat({ configuration: configuration.id, prompt });
    expect(second.text).toBe(first.text);
    expect(stub.requests).toHaveLength(2);
    const row = await usageRowOf(app.strapi, second.usage.requestId);
    expect({ success: Boolean(row.success), cacheHit: Boolean(row.cacheHit) }).toEqual({
      success: true,
      cacheHit: false,
    });
  });
});
