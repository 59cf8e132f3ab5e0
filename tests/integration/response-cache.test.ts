import { UID } from '../../server/src/content-types/schemas';
import { createAdminUser } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createConfiguration,
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRowOf,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';

/**
 * The gateway's response cache on the database store: an identical request within the TTL is
 * answered without the provider, recorded as a hit (cost 0, what it saved); anything else misses.
 */
describe(`response cache, database store (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    stub: { resetBeforeEach: true, defaultBehavior: { usage: { input: 1_000, output: 200 } } },
  });
  const cache = () => llm(app.strapi).responseCache();
  const clock = () => app.strapi.plugin('llm').service('clock');
  let provider: any;
  let model: any;
  let cached: any;
  let plain: any;
  let n = 0;
  const prompt = () => `a question nobody asked before #${++n} ${Date.now()}`;

  beforeAll(async () => {
    ({
      provider,
      model,
      configuration: cached,
    } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'cache-model', priceInput: '3', priceOutput: '15' },
      configuration: { responseCache: true, responseCacheTtlSeconds: 600 },
    }));
    plain = await createConfiguration(app.strapi, model);
  });
  afterEach(() => clock().set(null));

  /** A chat call whose answer is in the store once it returns. */
  const chat = async (options: Record<string, unknown>) => {
    const result = await llm(app.strapi).chat({ user: null, ...options });
    await cache().settled();
    return result;
  };
  const cacheRows = () =>
    app.strapi.db.connection(app.strapi.db.metadata.get(UID.responseCache).tableName).select('*');

  it('miss then hit: the provider is asked once; the hit costs 0 and saved what the first call cost', async () => {
    const question = prompt();
    const first = await chat({ configuration: cached.id, prompt: question, source: 'test' });
    const second = await chat({ configuration: cached.id, prompt: question, source: 'test' });
    expect(stub.requests).toHaveLength(1);
    expect(second.text).toBe(first.text);
    expect(second.finishReason).toBe(first.finishReason);

    const miss = await usageRowOf(app.strapi, first.usage.requestId);
    const hit = await usageRowOf(app.strapi, second.usage.requestId);
    // 1,000 input tokens at $3/M + 200 output at $15/M = $0.006 = 6,000,000 nano-USD.
    expect(BigInt(miss.costNano)).toBe(6_000_000n);
    expect(Boolean(miss.cacheHit)).toBe(false);
    expect(BigInt(miss.savedNano ?? 0)).toBe(0n);
    expect(Boolean(hit.cacheHit)).toBe(true);
    expect(String(hit.costNano)).toBe('0');
    expect(BigInt(hit.savedNano)).toBe(BigInt(miss.costNano));
    expect(hit).toMatchObject({
      success: true,
      inputTokens: 0,
      outputTokens: 0,
      configurationId: cached.id,
      modelId: model.id,
      providerId: provider.id,
      source: 'test',
      priceSource: 'model',
    });
    expect(Number(second.usage.costUsd)).toBe(0);
  });

  it('a configuration without the cache, a different parameter or a different prompt: a miss each', async () => {
    const question = prompt();
    await chat({ configuration: plain.id, prompt: question });
    await chat({ configuration: plain.id, prompt: question });
    expect(stub.requests).toHaveLength(2);
    await chat({ configuration: cached.id, prompt: question });
    await chat({ configuration: cached.id, prompt: question, temperature: 0.3 });
    await chat({ configuration: cached.id, prompt: `${question}!` });
    await chat({ configuration: cached.id, prompt: question, maxOutputTokens: 50 });
    expect(stub.requests).toHaveLength(6);
    // …and each of those is now a hit.
    await chat({ configuration: cached.id, prompt: question, temperature: 0.3 });
    expect(stub.requests).toHaveLength(6);
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { configurationId: plain.id });
    expect(rows.every((r) => !r.cacheHit)).toBe(true);
  });

  it('a failed call is never cached: the next identical call asks the provider again', async () => {
    const question = prompt();
    stub.next({ status: 500 });
    await expect(chat({ configuration: cached.id, prompt: question })).rejects.toMatchObject({
      code: 'provider_error',
    });
    const answer = await chat({ configuration: cached.id, prompt: question });
    expect(stub.requests).toHaveLength(2);
    expect(Boolean((await usageRowOf(app.strapi, answer.usage.requestId)).cacheHit)).toBe(false);
  });

  it('an answer the provider stopped by its content filter is never cached', async () => {
    const question = prompt();
    stub.next({ finishReason: 'content_filter' });
    const filtered = await chat({ configuration: cached.id, prompt: question });
    expect(filtered.finishReason).toBe('content-filter');
    await cache().settled();
    const again = await chat({ configuration: cached.id, prompt: question });
    expect(stub.requests).toHaveLength(2);
    expect(Boolean((await usageRowOf(app.strapi, again.usage.requestId)).cacheHit)).toBe(false);
  });

  it('a stream is cached when it completes and replayed as a stream, with the same text', async () => {
    const question = prompt();
    const readAll = async (stream: AsyncIterable<string>) => {
      let text = '';
      for await (const chunk of stream) text += chunk;
      return text;
    };
    stub.next({ text: 'a streamed answer, in several chunks, worth keeping' });
    const live = await llm(app.strapi).stream({ configuration: cached.id, prompt: question });
    const liveText = await readAll(live.textStream);
    await live.result;
    await cache().settled();
    const replay = await llm(app.strapi).stream({ configuration: cached.id, prompt: question });
    let chunks = 0;
    let replayed = '';
    for await (const chunk of replay.textStream) {
      chunks += 1;
      replayed += chunk;
    }
    const result = await replay.result;
    expect(liveText).toBe('a streamed answer, in several chunks, worth keeping');
    expect(replayed).toBe(liveText);
    expect(chunks).toBeGreaterThan(0);
    expect(result.text).toBe(liveText);
    expect(stub.requests).toHaveLength(1);
    const hit = await usageRowOf(app.strapi, result.usage.requestId);
    expect({ streamed: Boolean(hit.streamed), cacheHit: Boolean(hit.cacheHit) }).toEqual({
      streamed: true,
      cacheHit: true,
    });
  });

  it('a stream the provider cut is not cached', async () => {
    const question = prompt();
    stub.next({ cutStream: true, text: 'an answer long enough to be cut in the middle of it' });
    const live = await llm(app.strapi).stream({ configuration: cached.id, prompt: question });
    for await (const _chunk of live.textStream as AsyncIterable<string>) void _chunk;
    const error = await live.result.catch((e: any) => e);
    expect(error.code).toMatch(/^provider_/);
    await cache().settled();
    await chat({ configuration: cached.id, prompt: question });
    expect(stub.requests).toHaveLength(2);
  });

  it('expiry: after the TTL the provider is asked again; the cron cleanup deletes expired rows', async () => {
    const short = await createConfiguration(app.strapi, model, {
      responseCache: true,
      responseCacheTtlSeconds: 60,
    });
    const question = prompt();
    await chat({ configuration: short.id, prompt: question });
    await chat({ configuration: short.id, prompt: question });
    expect(stub.requests).toHaveLength(1);
    const later = new Date(Date.now() + 61_000);
    clock().set(() => later);
    await chat({ configuration: short.id, prompt: question });
    expect(stub.requests).toHaveLength(2);

    // Two hours on, every entry of this suite has expired (TTLs ≤ 600 s): the prune deletes them.
    const muchLater = new Date(Date.now() + 7_200_000);
    clock().set(() => muchLater);
    const before = (await cacheRows()).length;
    expect(before).toBeGreaterThan(0);
    const deleted = await cache().prune(2);
    expect(deleted).toBe(before);
    expect(await cacheRows()).toHaveLength(0);
  });

  it('the prune leaves entries that have not expired', async () => {
    const question = prompt();
    await chat({ configuration: cached.id, prompt: question });
    expect(await cache().prune(100)).toBe(0);
    await chat({ configuration: cached.id, prompt: question });
    expect(stub.requests).toHaveLength(1);
  });

  it('editing the configuration or its model invalidates its entries', async () => {
    const configuration = await createConfiguration(app.strapi, model, { responseCache: true });
    const question = prompt();
    await chat({ configuration: configuration.id, prompt: question });
    await chat({ configuration: configuration.id, prompt: question });
    expect(stub.requests).toHaveLength(1);
    const owned = async () =>
      (await cacheRows()).filter((row: any) => Number(row.configuration_id) === configuration.id)
        .length;
    expect(await owned()).toBe(1);

    await app.strapi.documents(UID.configuration as any).update({
      documentId: configuration.documentId,
      data: { name: `${configuration.name} (renamed)` } as any,
    });
    // The lifecycle deletes them after the write; wait for it (bounded), then look.
    for (let i = 0; i < 50 && (await owned()) > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await owned()).toBe(0);
    await chat({ configuration: configuration.id, prompt: question });
    expect(stub.requests).toHaveLength(2);
    await chat({ configuration: configuration.id, prompt: question });
    expect(stub.requests).toHaveLength(2);

    await app.strapi.documents(UID.model as any).update({
      documentId: model.documentId,
      data: { displayName: `cache model ${Date.now()}` } as any,
    });
    await chat({ configuration: configuration.id, prompt: question });
    expect(stub.requests).toHaveLength(3);
  });

  it('a task overrides its configuration: off on a caching one, on (with its TTL) on a plain one', async () => {
    const off = await createTask(app.strapi, cached, {
      promptTemplate: 'Off: {{x}}',
      responseCache: 'off',
    });
    const on = await createTask(app.strapi, plain, {
      promptTemplate: 'On: {{x}}',
      responseCache: 'on',
      responseCacheTtlSeconds: 30,
    });
    const x = prompt();
    await llm(app.strapi).runTask(off.id, { x });
    await llm(app.strapi).runTask(off.id, { x });
    expect(stub.requests).toHaveLength(2);
    await llm(app.strapi).runTask(on.id, { x });
    await cache().settled();
    const hit = await llm(app.strapi).runTask(on.id, { x });
    expect(stub.requests).toHaveLength(3);
    const row = await usageRowOf(app.strapi, hit.usage.requestId);
    expect({ cacheHit: Boolean(row.cacheHit), taskId: row.taskId }).toEqual({
      cacheHit: true,
      taskId: on.id,
    });
    // The task's 30 s, not the configuration's default hour.
    const later = new Date(Date.now() + 31_000);
    clock().set(() => later);
    await llm(app.strapi).runTask(on.id, { x });
    expect(stub.requests).toHaveLength(4);
  });

  it('a caller the allow-list refuses never gets the cached answer', async () => {
    const question = prompt();
    await chat({ configuration: cached.id, prompt: question });
    const role = await app.strapi
      .service('admin::role')
      .create({ name: `Cache denied ${Date.now()}`, description: 'allow-list' });
    const user = await createAdminUser(app.strapi, [role.id]);
    await app.strapi
      .plugin('llm')
      .service('access')
      .put('role', role.id, { configurations: [plain.id], capabilities: ['chat'] });
    try {
      await expect(
        chat({ configuration: cached.id, prompt: question, user: user.id })
      ).rejects.toMatchObject({ code: 'not_allowed' });
      await flushUsage(app.strapi);
      const rows = await usageRows(app.strapi, { userId: user.id });
      expect(rows.map((r) => [r.errorCode, Boolean(r.cacheHit)])).toEqual([['not_allowed', false]]);
    } finally {
      await app.strapi.plugin('llm').service('access').remove('role', role.id);
    }
  });

  it('Analytics: saved by the response cache and the hit rate per configuration, recomputed from raw rows', async () => {
    await flushUsage(app.strapi);
    // Some calls ran on a clock moved forward (expiry): read the day from a little later.
    const later = new Date(Date.now() + 3 * 3_600_000);
    clock().set(() => later);
    const doc = await app.strapi.plugin('llm').service('analytics').document({ range: '1d' });
    const rows = (await usageRows(app.strapi)).filter(
      (r) => r.errorCode === null || !['not_allowed', 'budget_exceeded'].includes(r.errorCode)
    );
    const hits = rows.filter((r) => Boolean(r.cacheHit));
    const saved = hits.reduce((sum, r) => sum + BigInt(r.savedNano), 0n);
    expect(hits.length).toBeGreaterThan(3);
    expect(doc.kpis.responseCacheHits).toBe(hits.length);
    expect(doc.kpis.responseCacheHitRate).toBeCloseTo(hits.length / rows.length, 10);
    expect(BigInt(Math.round(Number(doc.kpis.responseCacheSavedUsd) * 1e9))).toBe(saved);

    const ofCached = rows.filter((r) => r.configurationId === cached.id);
    const cachedHits = ofCached.filter((r) => Boolean(r.cacheHit));
    const row = doc.responseCache.find((r: any) => r.key === String(cached.id));
    expect(row).toMatchObject({
      label: cached.name,
      requests: ofCached.length,
      hits: cachedHits.length,
    });
    expect(row.hitRate).toBeCloseTo(cachedHits.length / ofCached.length, 10);
    expect(BigInt(Math.round(Number(row.savedUsd) * 1e9))).toBe(
      cachedHits.reduce((sum, r) => sum + BigInt(r.savedNano), 0n)
    );
    // One row per configuration with a hit (the plain one has its task's), none for the others.
    const withHits = [...new Set(hits.map((r) => String(r.configurationId)))].sort();
    expect(doc.responseCache.map((r: any) => r.key).sort()).toEqual(withHits);
  });
});
