import { currentClient } from '../support/database';
import {
  createConfiguration,
  createModel,
  createStubProvider,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRowOf,
  usageRows,
} from '../support/fixtures';

describe(`streams and failures are recorded, never lost or invented (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({ stub: { resetBeforeEach: true } });
  let openai: any;
  let anthropic: any;
  let openaiModel: any;
  let anthropicModel: any;

  beforeAll(async () => {
    openai = await createStubProvider(app.strapi, stub, { timeoutMs: 1500 });
    anthropic = await createStubProvider(app.strapi, stub, { adapter: 'anthropic' });
    openaiModel = await createModel(app.strapi, openai, {
      modelId: 'stream-model',
      priceInput: '1',
      priceOutput: '4',
    });
    anthropicModel = await createModel(app.strapi, anthropic, {
      modelId: 'claude-stream',
      priceInput: '3',
      priceOutput: '15',
      priceCacheRead: '0.3',
    });
  });

  const rowOf = (requestId: string) => usageRowOf(app.strapi, requestId);

  async function readAll(stream: AsyncIterable<string>) {
    let text = '';
    for await (const chunk of stream) text += chunk;
    return text;
  }

  it('a completed OpenAI stream is recorded with the usage from its final chunk', async () => {
    stub.next({
      text: 'streamed answer text that is long enough to chunk',
      usage: { input: 1_000, output: 250, cacheRead: 200 },
    });
    const { textStream, result } = await llm(app.strapi).stream({
      model: openaiModel.id,
      prompt: 'stream please',
    });
    expect(await readAll(textStream)).toBe('streamed answer text that is long enough to chunk');
    const { usage } = await result;
    const row = await rowOf(usage.requestId);
    expect(row).toMatchObject({
      streamed: true,
      success: true,
      inputTokens: 1_000,
      outputTokens: 250,
      cacheReadTokens: 200,
      tokensEstimated: false,
    });
    expect(row.ttftMs).not.toBeNull();
    expect(stub.requests[0].body.stream_options).toEqual({ include_usage: true });
  });

  it('a completed Anthropic stream reads usage from message_start and message_delta', async () => {
    stub.next({ usage: { input: 5_000, cacheRead: 4_000, output: 321 } });
    const { textStream, result } = await llm(app.strapi).stream({
      model: anthropicModel.id,
      prompt: 'stream',
    });
    await readAll(textStream);
    const row = await rowOf((await result).usage.requestId);
    expect(row).toMatchObject({
      streamed: true,
      success: true,
      inputTokens: 5_000,
      cacheReadTokens: 4_000,
      outputTokens: 321,
    });
    // 1,000 uncached × $3 + 4,000 read × $0.3 + 321 × $15, per million.
    expect(BigInt(row.costNano)).toBe(3_000_000n + 1_200_000n + 4_815_000n);
  });

  it('a stream without a usage frame is counted with the tokenizer and marked estimated', async () => {
    stub.next({ omitUsage: true, text: 'no usage here' });
    const { textStream, result } = await llm(app.strapi).stream({
      model: openaiModel.id,
      prompt: 'count me',
    });
    await readAll(textStream);
    const row = await rowOf((await result).usage.requestId);
    expect(row.tokensEstimated).toBe(true);
    expect(row.inputTokens).toBeGreaterThan(0);
    expect(row.outputTokens).toBeGreaterThan(0);
    expect(row.costNano).not.toBeNull();
  });

  it('a stream the caller aborts is recorded as aborted, with what it consumed', async () => {
    stub.next({ text: 'x'.repeat(600), chunkDelayMs: 20 });
    const controller = new AbortController();
    const { textStream, result } = await llm(app.strapi).stream({
      model: openaiModel.id,
      prompt: 'long',
      abortSignal: controller.signal,
    });
    let received = '';
    // Reading stops either quietly or with the same typed error, depending on where the abort lands.
    const readError = await (async () => {
      for await (const chunk of textStream) {
        received += chunk;
        if (received.length >= 48) controller.abort();
      }
    })().catch((e: any) => e);
    if (readError) expect(readError).toMatchObject({ code: 'aborted' });
    expect(received.length).toBeLessThan(600);
    const error = await result.catch((e: any) => e);
    expect(error).toMatchObject({ code: 'aborted' });
    const row = await rowOf(error.requestId);
    expect(row).toMatchObject({
      success: false,
      errorCode: 'aborted',
      streamed: true,
      tokensEstimated: true,
    });
    expect(row.outputTokens).toBeGreaterThan(0);
  });

  it('a stream cut half way is a failure row with no cost, and the caller gets a typed error', async () => {
    stub.next({ cutStream: true, text: 'y'.repeat(200) });
    const { textStream, result } = await llm(app.strapi).stream({
      model: openaiModel.id,
      prompt: 'cut',
    });
    await readAll(textStream).catch(() => undefined);
    const error = await result.catch((e: any) => e);
    expect(error).toMatchObject({ name: 'LlmError' });
    expect(error.code).toMatch(/^provider_/);
    const row = await rowOf(error.requestId);
    expect(row).toMatchObject({ success: false, streamed: true, priceSource: 'none' });
    expect(row.costNano).toBeNull();
  });

  it('an HTTP 500 is recorded as a failure and rethrown as provider_error', async () => {
    stub.next({ status: 500 });
    const error = await llm(app.strapi)
      .chat({ model: openaiModel.id, prompt: 'fail' })
      .catch((e: any) => e);
    expect(error).toMatchObject({ name: 'LlmError', code: 'provider_error', providerStatus: 500 });
    expect(error.message).toContain('HTTP 500');
    const row = await rowOf(error.requestId);
    expect(row).toMatchObject({ success: false, errorCode: 'provider_error', priceSource: 'none' });
    expect(row.costNano).toBeNull();
    expect(row.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('a timeout is recorded as provider_timeout', async () => {
    stub.next({ delayMs: 3000 });
    const error = await llm(app.strapi)
      .chat({ model: openaiModel.id, prompt: 'slow' })
      .catch((e: any) => e);
    expect(error.code).toBe('provider_timeout');
    const row = await rowOf(error.requestId);
    expect(row.latencyMs).toBeGreaterThanOrEqual(1400);
  });

  it('a malformed response is recorded as provider_malformed_response', async () => {
    stub.next({ malformed: true });
    const error = await llm(app.strapi)
      .chat({ model: openaiModel.id, prompt: 'garbage' })
      .catch((e: any) => e);
    expect(error.code).toBe('provider_malformed_response');
    expect((await rowOf(error.requestId)).success).toBe(false);
  });

  it('a connection reset is recorded as provider_unreachable', async () => {
    stub.next({ reset: true });
    const error = await llm(app.strapi)
      .chat({ model: openaiModel.id, prompt: 'reset' })
      .catch((e: any) => e);
    expect(error.code).toBe('provider_unreachable');
    expect((await rowOf(error.requestId)).errorCode).toBe('provider_unreachable');
  });

  it('a failed configuration is served by its fallback, and both rows say so', async () => {
    const backup = await createConfiguration(app.strapi, anthropicModel);
    const primary = await createConfiguration(app.strapi, openaiModel, { fallback: backup.id });
    stub.next({ status: 503 }, { usage: { input: 10, output: 10 } });
    const result = await llm(app.strapi).chat({ configuration: primary.id, prompt: 'fallback' });
    expect(result.fallbackFrom).toMatchObject({ configurationId: primary.id });
    await flushUsage(app.strapi);
    const served = await rowOf(result.usage.requestId);
    expect(served).toMatchObject({
      success: true,
      configurationId: backup.id,
      fallbackFromConfigurationId: primary.id,
      adapter: 'anthropic',
    });
    const failedRows = await usageRows(app.strapi, { configurationId: primary.id });
    expect(failedRows.map((r) => r.success)).toEqual([false]);
  });

  it('unknown targets and bad input are clear errors and call no provider', async () => {
    await expect(
      llm(app.strapi).chat({ configuration: 'no-such-configuration', prompt: 'x' })
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(llm(app.strapi).chat({ model: openaiModel.id })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(llm(app.strapi).chat({ prompt: 'x' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(
      llm(app.strapi).translate({
        model: openaiModel.id,
        text: 'x',
        targetLanguage: "de'; drop table",
      })
    ).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(stub.requests).toHaveLength(0);
  });
});
