import { createOpenAI } from '@ai-sdk/openai';
import { adminToken } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createModel,
  createStubProvider,
  flushUsage,
  setupGatewayFixture,
  usageRowOf,
  usageRows,
} from '../support/fixtures';

const KEY = 'sk-provider-tools-SECRET-0001';

describe(`provider tools: Test connection and Import models (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({ stub: { resetBeforeEach: true } });
  let token: string;

  beforeAll(async () => {
    ({ token } = await adminToken(app.strapi, app.request));
  });

  const as = (method: 'get' | 'post', url: string) =>
    app.request[method](url).set('Authorization', `Bearer ${token}`);
  const test = (provider: { documentId: string }) =>
    as('post', `/llm/providers/${provider.documentId}/test-connection`);
  const available = (provider: { documentId: string }) =>
    as('get', `/llm/providers/${provider.documentId}/available-models`);
  const importModels = (provider: { documentId: string }, body: unknown) =>
    as('post', `/llm/providers/${provider.documentId}/models/import`).send(body as object);

  it('tests an OpenAI-format provider by listing its models: ok, latency, and the key only in the header', async () => {
    const provider = await createStubProvider(app.strapi, stub, { apiKey: KEY });
    const response = await test(provider);
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ ok: true, method: 'models', modelCount: 3 });
    expect(response.body.data.latencyMs).toEqual(expect.any(Number));
    expect(response.text).not.toContain(KEY);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(stub.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('reports a refused key, a server error and a timeout with their codes, never as a thrown error', async () => {
    const provider = await createStubProvider(app.strapi, stub, { apiKey: KEY, timeoutMs: 300 });
    stub.next({ status: 401 }, { status: 500 }, { delayMs: 1500 });
    const refused = (await test(provider)).body.data;
    expect(refused).toMatchObject({
      ok: false,
      method: 'models',
      error: { code: 'provider_error', providerStatus: 401 },
    });
    expect(refused.error.message).toMatch(/401.*scripted 401/);
    expect((await test(provider)).body.data.error).toMatchObject({ providerStatus: 500 });
    const slow = (await test(provider)).body.data;
    expect(slow).toMatchObject({ ok: false, error: { code: 'provider_timeout' } });
    expect(slow.latencyMs).toBeGreaterThanOrEqual(250);
  });

  it('speaks each provider’s models endpoint: Anthropic, Gemini, Ollama tags, and DeepL’s usage', async () => {
    const anthropic = await createStubProvider(app.strapi, stub, {
      adapter: 'anthropic',
      apiKey: KEY,
    });
    const anthropicModels = (await available(anthropic)).body.data;
    expect(anthropicModels.map((m: any) => m.modelId)).toEqual([
      'claude-3-5-haiku-20241022',
      'claude-sonnet-4-20250514',
    ]);
    expect(anthropicModels[0]).toMatchObject({
      displayName: 'Claude 3 5 Haiku',
      capabilities: ['chat', 'vision'],
      configured: false,
    });
    expect(stub.requests.at(-1)!.headers['x-api-key']).toBe(KEY);

    const gemini = await createStubProvider(app.strapi, stub, {
      adapter: 'google',
      baseURL: `${stub.url}/v1beta`,
    });
    const geminiModels = (await available(gemini)).body.data;
    expect(geminiModels.map((m: any) => [m.modelId, m.capabilities])).toEqual([
      ['gemini-2.0-flash', ['chat', 'vision']],
      ['text-embedding-004', ['embedding']],
    ]);

    const ollama = await createStubProvider(app.strapi, stub, { adapter: 'ollama', apiKey: '' });
    stub.next({ models: ['llama3.2:latest', 'nomic-embed-text:latest', 'llava:7b'] });
    const ollamaModels = (await available(ollama)).body.data;
    expect(stub.requests.at(-1)!.path).toBe('/api/tags');
    expect(ollamaModels.map((m: any) => [m.modelId, m.capabilities, m.catalogue])).toEqual([
      ['llama3.2:latest', ['chat'], null],
      ['llava:7b', ['chat', 'vision'], null],
      ['nomic-embed-text:latest', ['embedding'], null],
    ]);

    const deepl = await createStubProvider(app.strapi, stub, {
      adapter: 'deepl',
      baseURL: stub.url,
    });
    expect((await test(deepl)).body.data).toMatchObject({ ok: true, method: 'usage' });
    expect(stub.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v2/usage' });
    const unlisted = await available(deepl);
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.error.details.code).toBe('unsupported_service');
  });

  it('tests an adapter without a models list by a one-token chat, metered like any call', async () => {
    app.strapi
      .plugin('llm')
      .service('adapters')
      .register('chat-only', (connection: any) => {
        const client = createOpenAI({
          baseURL: connection.baseURL,
          apiKey: connection.apiKey,
          fetch: connection.fetch,
        });
        return { languageModel: (id: string) => client.chat(id) };
      });
    const provider = await createStubProvider(app.strapi, stub, { adapter: 'chat-only' });
    const none = (await test(provider)).body.data;
    expect(none).toMatchObject({
      ok: false,
      method: 'chat',
      error: { code: 'unsupported_service' },
    });
    await createModel(app.strapi, provider, {
      modelId: 'probe-model',
      priceInput: '1',
      priceOutput: '2',
    });
    const model = await app.strapi.db
      .query('plugin::llm.model')
      .findOne({ where: { modelId: 'probe-model' } });
    const probed = (await test(provider)).body.data;
    expect(probed).toMatchObject({ ok: true, method: 'chat' });
    expect(stub.requests.at(-1)!.body).toMatchObject({ model: 'probe-model', max_tokens: 1 });
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { source: 'llm-test-connection' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      success: true,
      modelId: model.id,
      outputTokens: expect.any(Number),
    });
  });

  it('lists what the provider offers beside catalogue prices, and imports the chosen ones (catalogue or pinned)', async () => {
    const provider = await createStubProvider(app.strapi, stub, { apiKey: KEY });
    await createModel(app.strapi, provider, { modelId: 'gpt-4o' });
    stub.defaultBehavior = {
      models: ['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small', 'house-model'],
    };
    const listed = (await available(provider)).body.data;
    const byId = Object.fromEntries(listed.map((m: any) => [m.modelId, m]));
    expect(byId['gpt-4o'].configured).toBe(true);
    expect(byId['gpt-4o-mini']).toMatchObject({
      configured: false,
      capabilities: ['chat', 'vision'],
      catalogue: { priceInput: '0.15', priceOutput: '0.60' },
    });
    expect(byId['text-embedding-3-small'].capabilities).toEqual(['embedding']);
    expect(byId['house-model'].catalogue).toBeNull();

    const followed = await importModels(provider, {
      models: [
        { modelId: 'house-model', capabilities: ['chat'] },
        { modelId: 'gpt-4o', displayName: 'again' },
      ],
      pinPrices: false,
    });
    expect(followed.status).toBe(200);
    expect(followed.body.data.skipped).toEqual(['gpt-4o']);
    const pinned = await importModels(provider, {
      models: [
        { modelId: 'gpt-4o-mini', displayName: 'GPT-4o mini', capabilities: ['chat', 'vision'] },
        { modelId: 'text-embedding-3-small', capabilities: ['embedding'] },
      ],
      pinPrices: true,
    });
    expect(pinned.body.data.created.map((m: any) => m.modelId)).toEqual([
      'gpt-4o-mini',
      'text-embedding-3-small',
    ]);
    const models = await app.strapi.db.query('plugin::llm.model').findMany({
      where: { provider: { id: provider.id } },
      orderBy: { id: 'asc' },
    });
    const stored = Object.fromEntries(models.map((m: any) => [m.modelId, m]));
    expect(stored['house-model']).toMatchObject({
      priceInput: null,
      priceOutput: null,
      capabilities: ['chat'],
      active: true,
    });
    expect(stored['gpt-4o'].displayName).toBe('gpt-4o');
    expect(stored['gpt-4o-mini']).toMatchObject({
      displayName: 'GPT-4o mini',
      priceInput: '0.15',
      priceOutput: '0.60',
      priceCacheRead: '0.075',
    });
    expect(stored['text-embedding-3-small']).toMatchObject({
      priceInput: '0.02',
      priceOutput: null,
    });
    const after = (await available(provider)).body.data;
    expect(after.filter((m: any) => !m.configured)).toEqual([]);
  });

  it('validates the import and answers 404 for an unknown provider', async () => {
    const provider = await createStubProvider(app.strapi, stub);
    for (const body of [
      {},
      { models: [], pinPrices: false },
      { models: [{ modelId: 'x' }] },
      { models: [{ modelId: 'x', capabilities: ['teleport'] }], pinPrices: false },
      { models: [{ modelId: 42 }], pinPrices: false },
      { models: [{ modelId: 'x' }], pinPrices: 'yes' },
    ])
      expect([body, (await importModels(provider, body)).status]).toEqual([body, 400]);
    expect((await test({ documentId: 'no-such-provider' })).status).toBe(404);
    expect((await available({ documentId: 'no-such-provider' })).status).toBe(404);
    expect(
      (
        await importModels(
          { documentId: 'no-such-provider' },
          { models: [{ modelId: 'x' }], pinPrices: false }
        )
      ).status
    ).toBe(404);
  });

  it('tests DeepL by GET /v2/usage through the guarded fetch: its key header, no redirect followed, no key in the answer', async () => {
    const deepl = await createStubProvider(app.strapi, stub, {
      adapter: 'deepl',
      baseURL: stub.url,
      apiKey: `${KEY}:fx`,
    });
    expect((await test(deepl)).body.data).toMatchObject({ ok: true, method: 'usage' });
    expect(stub.requests.at(-1)!.headers.authorization).toBe(`DeepL-Auth-Key ${KEY}:fx`);
    stub.next({ redirect: 'http://169.254.169.254/latest/meta-data/' });
    const redirected = (await test(deepl)).body.data;
    expect(redirected).toMatchObject({ ok: false, method: 'usage' });
    expect(stub.requests).toHaveLength(2);
    stub.next({ redirect: `${stub.url}/v2/usage?followed=1` });
    expect((await test(deepl)).body.data.ok).toBe(false);
    expect(stub.requests).toHaveLength(3);
    stub.next({ status: 403, echoHeaders: true });
    const refused = await test(deepl);
    expect(refused.body.data).toMatchObject({
      ok: false,
      error: { code: 'provider_error', providerStatus: 403 },
    });
    expect(refused.text).not.toContain(KEY);
    expect(refused.body.data.error.message).toContain('DeepL-Auth-Key ***');
  });

  it('masks the key a provider echoes in its error, and cuts the message to 300 characters', async () => {
    const provider = await createStubProvider(app.strapi, stub, { apiKey: KEY });
    stub.next({ status: 401, echoHeaders: true }, { status: 401, echoHeaders: true });
    const tested = await test(provider);
    expect(tested.text).not.toContain(KEY);
    expect(tested.body.data.error.message).toMatch(/401/);
    expect(tested.body.data.error.message).toContain('***');
    expect(tested.body.data.error.message.length).toBeLessThanOrEqual(300);
    const listed = await available(provider);
    expect(listed.status).toBe(502);
    expect(listed.text).not.toContain(KEY);
    const anthropic = await createStubProvider(app.strapi, stub, {
      adapter: 'anthropic',
      apiKey: KEY,
    });
    stub.next({ status: 400, echoHeaders: true });
    const echoed = await test(anthropic);
    expect(echoed.body.data.ok).toBe(false);
    expect(echoed.text).not.toContain(KEY);
  });

  it('limits a models list: a body over 5 MB is response_too_large, past 2,000 entries it is cut and says so', async () => {
    const provider = await createStubProvider(app.strapi, stub, { apiKey: KEY });
    stub.next({ bodyBytes: 6 * 1024 * 1024 }, { bodyBytes: 6 * 1024 * 1024 });
    const tested = (await test(provider)).body.data;
    expect(tested).toMatchObject({ ok: false, error: { code: 'response_too_large' } });
    const listed = await available(provider);
    expect(listed.status).toBe(502);
    expect(listed.body.error.details.code).toBe('response_too_large');
    stub.defaultBehavior = {
      models: Array.from({ length: 2500 }, (_, i) => `m-${String(i).padStart(4, '0')}`),
    };
    const many = await available(provider);
    expect(many.status).toBe(200);
    expect(many.body.data).toHaveLength(2000);
    expect(many.body.meta).toEqual({ truncated: true, limit: 2000 });
    expect((await test(provider)).body.data).toMatchObject({ ok: true, modelCount: 2500 });
    stub.defaultBehavior = {};
    expect((await available(provider)).body.meta).toEqual({ truncated: false, limit: 2000 });
  });

  it('Test connection reads the first page of a paged list; a listing stops at 20 pages', async () => {
    const anthropic = await createStubProvider(app.strapi, stub, {
      adapter: 'anthropic',
      apiKey: KEY,
    });
    stub.defaultBehavior = { models: ['claude-a', 'claude-b'], morePages: true };
    expect((await test(anthropic)).body.data).toMatchObject({ ok: true, modelCount: 2 });
    expect(stub.requests).toHaveLength(1);
    expect((await available(anthropic)).status).toBe(200);
    expect(stub.requests).toHaveLength(21);
    expect(stub.requests.at(-1)!.path).toBe('/v1/models');
  });

  it('marks models the catalogue prices by tier, and never pins them: they follow the catalogue', async () => {
    const provider = await createStubProvider(app.strapi, stub, {
      adapter: 'google',
      baseURL: `${stub.url}/v1beta`,
      apiKey: KEY,
    });
    stub.defaultBehavior = { models: ['gemini-2.5-pro', 'gemini-2.0-flash'] };
    const listed = (await available(provider)).body.data;
    const byId = Object.fromEntries(listed.map((m: any) => [m.modelId, m]));
    expect(byId['gemini-2.5-pro'].tiered).toBe(true);
    expect(byId['gemini-2.0-flash'].tiered).toBe(false);
    const imported = await importModels(provider, {
      models: [{ modelId: 'gemini-2.5-pro' }, { modelId: 'gemini-2.0-flash' }],
      pinPrices: true,
    });
    expect(imported.status).toBe(200);
    expect(imported.body.data.followingCatalogue).toEqual(['gemini-2.5-pro']);
    const models = await app.strapi.db
      .query('plugin::llm.model')
      .findMany({ where: { provider: { id: provider.id } } });
    const stored = Object.fromEntries(models.map((m: any) => [m.modelId, m]));
    expect(stored['gemini-2.5-pro']).toMatchObject({ priceInput: null, priceOutput: null });
    expect(stored['gemini-2.0-flash'].priceInput).toEqual(expect.any(String));
  });

  it('cuts long names to the model type’s limits, leaves off ids too long to configure, and never imports one id twice', async () => {
    const provider = await createStubProvider(app.strapi, stub, {
      adapter: 'anthropic',
      apiKey: KEY,
    });
    const longName = `claude-${'x'.repeat(150)}`;
    stub.defaultBehavior = { models: [longName, `m-${'y'.repeat(250)}`] };
    const listed = (await available(provider)).body.data;
    expect(listed.map((m: any) => m.modelId)).toEqual([longName]);
    expect(listed[0].displayName.length).toBeLessThanOrEqual(120);
    const body = {
      models: [
        { modelId: 'house-a', displayName: 'N'.repeat(400) },
        { modelId: 'house-a', displayName: 'again' },
      ],
      pinPrices: false,
    };
    const [first, second] = await Promise.all([
      importModels(provider, body),
      importModels(provider, body),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const created = [...first.body.data.created, ...second.body.data.created];
    expect(created).toHaveLength(1);
    const rows = await app.strapi.db
      .query('plugin::llm.model')
      .findMany({ where: { provider: { id: provider.id }, modelId: 'house-a' } });
    expect(rows).toHaveLength(1);
    expect(rows[0].displayName).toBe('N'.repeat(120));
  });

  it('lets a fault of the plugin through as a 500, and keeps a failed probe’s request id', async () => {
    const adapters = app.strapi.plugin('llm').service('adapters');
    adapters.register('buggy', () => ({
      listModels: async () => {
        throw new TypeError('undefined is not a function (a bug, not the provider)');
      },
    }));
    const buggy = await createStubProvider(app.strapi, stub, { adapter: 'buggy' });
    expect((await test(buggy)).status).toBe(500);
    adapters.register('chat-only-2', (connection: any) => {
      const client = createOpenAI({
        baseURL: connection.baseURL,
        apiKey: connection.apiKey,
        fetch: connection.fetch,
      });
      return { languageModel: (id: string) => client.chat(id) };
    });
    const provider = await createStubProvider(app.strapi, stub, {
      adapter: 'chat-only-2',
      apiKey: KEY,
    });
    await createModel(app.strapi, provider, {
      modelId: 'probe-2',
      priceInput: '1',
      priceOutput: '1',
    });
    stub.next({ status: 500, echoHeaders: true });
    const failed = (await test(provider)).body.data;
    expect(failed).toMatchObject({ ok: false, method: 'chat', error: { providerStatus: 500 } });
    expect(failed.error.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(failed)).not.toContain(KEY);
    await flushUsage(app.strapi);
    const row = await usageRowOf(app.strapi, failed.error.requestId);
    expect(row).toMatchObject({ success: false });
    expect(JSON.stringify(row)).not.toContain(KEY);
  });
});
