import { currentClient } from '../support/database';
import {
  createConfiguration,
  createModel,
  createStubProvider,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
} from '../support/fixtures';
import { rollupTotal } from '../support/rollups-expected';

/** Exact expected cost in nano-USD: tokens × (USD per 1 M as nano) / 1 M, summed then rounded once. */
const nano = (terms: Array<[number, string]>) => {
  const numerator = terms.reduce((sum, [tokens, usd]) => {
    const [whole, fraction = ''] = usd.split('.');
    return (
      sum + BigInt(tokens) * (BigInt(whole) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0')))
    );
  }, 0n);
  return (numerator + 500_000n) / 1_000_000n;
};

describe(`the gateway prices every call exactly (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({ stub: { resetBeforeEach: true } });
  let openai: any;
  let anthropic: any;

  beforeAll(async () => {
    openai = await createStubProvider(app.strapi, stub);
    anthropic = await createStubProvider(app.strapi, stub, { adapter: 'anthropic' });
  });

  /** One call of 1 M input and 1 M output tokens on a new model of the OpenAI provider: its usage. */
  async function millionEachWay(model: { modelId: string; priceInput?: string }, prompt: string) {
    const created = await createModel(app.strapi, openai, model);
    stub.next({ usage: { input: 1_000_000, output: 1_000_000 } });
    return (await llm(app.strapi).chat({ model: created.id, prompt })).usage;
  }

  it('prices 1,234,567 input tokens at $0.075/M to the nano-dollar, in the row and in the rollup', async () => {
    const model = await createModel(app.strapi, openai, {
      modelId: 'exact-model',
      priceInput: '0.075',
      priceOutput: '0.3',
    });
    const configuration = await createConfiguration(app.strapi, model);
    stub.next({ usage: { input: 1_234_567, output: 1_000 }, text: 'ok' });

    const result = await llm(app.strapi).chat({
      configuration: configuration.id,
      prompt: 'Price me',
      user: null,
    });
    await flushUsage(app.strapi);

    const expected = nano([
      [1_234_567, '0.075'],
      [1_000, '0.3'],
    ]);
    expect(expected).toBe(92_892_525n);
    expect(result.usage.costNano).toBe(expected.toString());
    expect(result.usage.costUsd).toBe('0.092892525');
    expect(result.usage.priceSource).toBe('model');

    const [row] = await usageRows(app.strapi, { requestId: result.usage.requestId });
    expect(BigInt(row.costNano)).toBe(expected);
    expect(row).toMatchObject({
      inputTokens: 1_234_567,
      outputTokens: 1_000,
      success: true,
      priceSource: 'model',
      adapter: 'openai',
      modelKey: 'exact-model',
    });
    expect(row.providerId).toBe(openai.id);
    expect(row.modelId).toBe(model.id);
    expect(row.configurationId).toBe(configuration.id);

    const rollup = await rollupTotal(app.strapi, 'model', model.id);
    expect(rollup.costNano).toBe(expected);
    expect(rollup.requests).toBe(1n);
  });

  it('prices OpenAI cached tokens (prompt_tokens includes them) at the cache-read price', async () => {
    const model = await createModel(app.strapi, openai, {
      modelId: 'cached-openai',
      priceInput: '2.5',
      priceCacheRead: '1.25',
      priceOutput: '10',
    });
    stub.next({ usage: { input: 10_000, cacheRead: 6_000, output: 500 } });

    const { usage } = await llm(app.strapi).chat({ model: model.id, prompt: 'cached' });

    expect(usage).toMatchObject({
      inputTokens: 10_000,
      cacheReadTokens: 6_000,
      cacheWriteTokens: 0,
      outputTokens: 500,
    });
    expect(usage.costNano).toBe(
      nano([
        [4_000, '2.5'],
        [6_000, '1.25'],
        [500, '10'],
      ]).toString()
    );
  });

  it('prices Anthropic cache reads and writes once each (input_tokens excludes them on the wire)', async () => {
    const model = await createModel(app.strapi, anthropic, {
      modelId: 'claude-cached',
      priceInput: '3',
      priceCacheRead: '0.3',
      priceCacheWrite: '3.75',
      priceOutput: '15',
    });
    // Total prompt 10,000 = 2,000 uncached + 7,000 read + 1,000 written.
    stub.next({ usage: { input: 10_000, cacheRead: 7_000, cacheWrite: 1_000, output: 800 } });

    const { usage } = await llm(app.strapi).chat({ model: model.id, prompt: 'cached' });

    expect(usage).toMatchObject({
      inputTokens: 10_000,
      cacheReadTokens: 7_000,
      cacheWriteTokens: 1_000,
      outputTokens: 800,
    });
    expect(usage.costNano).toBe(
      nano([
        [2_000, '3'],
        [7_000, '0.3'],
        [1_000, '3.75'],
        [800, '15'],
      ]).toString()
    );
    const anthropicRequest = stub.requests.at(-1)!;
    expect(anthropicRequest.path).toBe('/v1/messages');
  });

  it('keeps "free" (explicit 0) and "unpriced" (no price anywhere) apart', async () => {
    const free = await createModel(app.strapi, openai, {
      modelId: 'local-free',
      priceInput: '0',
      priceOutput: '0',
    });
    const unknown = await createModel(app.strapi, openai, { modelId: 'no-such-model-anywhere' });

    const freeCall = await llm(app.strapi).chat({ model: free.id, prompt: 'free' });
    const unpricedCall = await llm(app.strapi).chat({ model: unknown.id, prompt: 'unpriced' });
    await flushUsage(app.strapi);

    expect(freeCall.usage).toMatchObject({ costNano: '0', costUsd: '0.00', priceSource: 'model' });
    expect(unpricedCall.usage).toMatchObject({
      costNano: null,
      costUsd: null,
      priceSource: 'none',
    });

    const [row] = await usageRows(app.strapi, { requestId: unpricedCall.usage.requestId });
    expect(row.costNano).toBeNull();
    const rollup = await rollupTotal(app.strapi, 'model', unknown.id);
    expect(rollup.unpricedRequests).toBe(1n);
    expect(rollup.costNano).toBe(0n);
  });

  it('falls back to the genai-prices catalogue for a model without prices', async () => {
    const usage = await millionEachWay({ modelId: 'gpt-4o-mini' }, 'catalogue');

    expect(usage.priceSource).toBe('catalogue');
    // gpt-4o-mini in the bundled catalogue: $0.15/M input, $0.60/M output.
    expect(usage.costUsd).toBe('0.75');
  });

  it("fills only the missing prices from the catalogue and keeps the model's own", async () => {
    const usage = await millionEachWay({ modelId: 'gpt-4o-mini', priceInput: '1' }, 'mixed');

    expect(usage.priceSource).toBe('catalogue');
    expect(usage.costUsd).toBe('1.60');
  });

  it("never re-prices history when a model's price changes", async () => {
    const model = await createModel(app.strapi, openai, {
      modelId: 'repriced',
      priceInput: '1',
      priceOutput: '1',
    });
    stub.next({ usage: { input: 1_000_000, output: 0 } });
    const before = await llm(app.strapi).chat({ model: model.id, prompt: 'before' });
    await app.strapi
      .documents('plugin::llm.model')
      .update({ documentId: model.documentId, data: { priceInput: '5' } as any });
    stub.next({ usage: { input: 1_000_000, output: 0 } });
    const after = await llm(app.strapi).chat({ model: model.id, prompt: 'after' });
    await flushUsage(app.strapi);

    const rows = await usageRows(app.strapi, { modelId: model.id });
    expect(rows.map((r) => BigInt(r.costNano))).toEqual([1_000_000_000n, 5_000_000_000n]);
    expect([before.usage.costUsd, after.usage.costUsd]).toEqual(['1.00', '5.00']);
  });

  it('rejects a price that is not exact decimal text', async () => {
    await expect(
      createModel(app.strapi, openai, { modelId: 'bad-price', priceInput: '0.1e-3' })
    ).rejects.toThrow();
    await expect(
      createModel(app.strapi, openai, { modelId: 'bad-price', priceInput: '0.0000000001' })
    ).rejects.toThrow();
  });
});
