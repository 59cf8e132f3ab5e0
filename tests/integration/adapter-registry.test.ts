import { createOpenAI } from '@ai-sdk/openai';
import { currentClient } from '../support/database';
import {
  createModel,
  createProvider,
  createStubProvider,
  llm,
  setupGatewayFixture,
  usageRowOf,
} from '../support/fixtures';

describe(`an app's own adapter, metered like the built-in ones (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({ stub: { resetBeforeEach: true } });
  let model: any;

  beforeAll(async () => {
    // An app registers an adapter for OpenAI's Responses API; the stub speaks that wire format too.
    app.strapi
      .plugin('llm')
      .service('adapters')
      .register('openai-responses', (connection: any) => {
        const provider = createOpenAI({ baseURL: connection.baseURL, apiKey: connection.apiKey });
        return { languageModel: (id: string) => provider.responses(id) };
      });
    const provider = await createStubProvider(app.strapi, stub, { adapter: 'openai-responses' });
    model = await createModel(app.strapi, provider, {
      modelId: 'gpt-4.1-mini',
      priceInput: '0.4',
      priceCacheRead: '0.1',
      priceOutput: '1.6',
    });
  });

  it('meters a Responses API call with its cached tokens', async () => {
    stub.next({
      text: 'from the responses api',
      usage: { input: 2_000, cacheRead: 1_500, output: 100 },
    });
    const result = await llm(app.strapi).chat({ model: model.id, prompt: 'hello' });
    expect(result.text).toBe('from the responses api');
    expect(stub.requests[0].path).toBe('/v1/responses');
    const row = await usageRowOf(app.strapi, result.usage.requestId);
    expect(row).toMatchObject({
      adapter: 'openai-responses',
      inputTokens: 2_000,
      cacheReadTokens: 1_500,
      outputTokens: 100,
    });
    // 500 uncached × $0.4 + 1,500 cached × $0.1 + 100 × $1.6, per million.
    expect(BigInt(row.costNano)).toBe(200_000n + 150_000n + 160_000n);
  });

  it('meters a streamed Responses API call from its response.completed usage', async () => {
    stub.next({ text: 'streamed through the responses api', usage: { input: 300, output: 40 } });
    const { textStream, result } = await llm(app.strapi).stream({
      model: model.id,
      prompt: 'stream',
    });
    let text = '';
    for await (const chunk of textStream) text += chunk;
    expect(text).toBe('streamed through the responses api');
    const row = await usageRowOf(app.strapi, (await result).usage.requestId);
    expect(row).toMatchObject({
      streamed: true,
      success: true,
      inputTokens: 300,
      outputTokens: 40,
      tokensEstimated: false,
    });
  });

  it('refuses a provider whose adapter nobody registered', async () => {
    await expect(createProvider(app.strapi, { adapter: 'nobody-registered-this' })).rejects.toThrow(
      /Unknown adapter/
    );
  });
});
