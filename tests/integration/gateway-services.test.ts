import { SERVICE_TYPES } from '../../shared/services';
import { currentClient } from '../support/database';
import {
  createConfiguration,
  createModel,
  createStubProvider,
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRowOf,
  usageRows,
} from '../support/fixtures';

describe(`every service type is metered through the gateway (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({ stub: { resetBeforeEach: true } });
  let openai: any;
  let deepl: any;
  let chatModel: any;

  beforeAll(async () => {
    openai = await createStubProvider(app.strapi, stub);
    deepl = await createStubProvider(app.strapi, stub, {
      adapter: 'deepl',
      baseURL: stub.url,
      apiKey: 'deepl-key:fx',
    });
    chatModel = await createModel(app.strapi, openai, {
      modelId: 'chat-model',
      priceInput: '1',
      priceOutput: '2',
    });
  });

  const rowOf = (requestId: string) => usageRowOf(app.strapi, requestId);

  it('chat, with source, metadata and the caller recorded', async () => {
    stub.next({ usage: { input: 12, output: 5 } });
    const result = await llm(app.strapi).chat({
      model: chatModel.id,
      prompt: 'hello',
      user: 42,
      source: 'my-feature',
      metadata: { ticket: 7 },
    });
    expect(result.text).toContain('hello');
    const row = await rowOf(result.usage.requestId);
    expect(row).toMatchObject({
      service: 'chat',
      userId: 42,
      source: 'my-feature',
      metadata: { ticket: 7 },
      inputTokens: 12,
      outputTokens: 5,
    });
    expect(stub.requests[0].body.messages).toEqual([{ role: 'user', content: 'hello' }]);
  });

  it('completion', async () => {
    const result = await llm(app.strapi).complete({ model: chatModel.id, prompt: 'complete this' });
    expect((await rowOf(result.usage.requestId)).service).toBe('completion');
  });

  it('vision sends the image to the model', async () => {
    const result = await llm(app.strapi).vision({
      model: chatModel.id,
      prompt: 'describe',
      images: ['https://example.com/cat.png'],
    });
    const row = await rowOf(result.usage.requestId);
    expect(row.service).toBe('vision');
    const content = stub.requests[0].body.messages[0].content;
    expect(content).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'image_url' })])
    );
  });

  it('embedding counts the tokens the provider reports', async () => {
    const model = await createModel(app.strapi, openai, {
      modelId: 'embed-model',
      priceInput: '0.02',
    });
    stub.next({ usage: { input: 1_000_000 } });
    const result = await llm(app.strapi).embed({ model: model.id, values: ['a', 'b'] });
    expect(result.embeddings).toHaveLength(2);
    const row = await rowOf(result.usage.requestId);
    expect(row).toMatchObject({ service: 'embedding', inputTokens: 1_000_000, outputTokens: 0 });
    expect(BigInt(row.costNano)).toBe(20_000_000n);
  });

  it('translation through DeepL is priced by billed characters', async () => {
    const model = await createModel(app.strapi, deepl, { modelId: 'deepl', priceCharacters: '25' });
    const result = await llm(app.strapi).translate({
      model: model.id,
      text: 'Hello world',
      targetLanguage: 'DE',
    });
    expect(result.text).toBe('[DE] Hello world');
    const row = await rowOf(result.usage.requestId);
    expect(row).toMatchObject({
      service: 'translation',
      unitKind: 'characters',
      units: 11,
      adapter: 'deepl',
    });
    // 11 characters at $25 per million characters.
    expect(BigInt(row.costNano)).toBe(275_000n);
    expect(stub.requests[0].path).toBe('/v2/translate');
  });

  it("translation through DeepL follows no redirect: deepl-node's own client is guarded too", async () => {
    const model = await createModel(app.strapi, deepl, {
      modelId: 'deepl-redirected',
      priceCharacters: '25',
    });
    const before = stub.requests.length;
    // A server that answers with a redirect (to itself here; elsewhere it could be any address).
    stub.next({ redirect: `${stub.url}/v2/translate` });
    const failure = await llm(app.strapi)
      .translate({ model: model.id, text: 'Hello', targetLanguage: 'DE' })
      .catch((error: any) => error);
    expect(failure).toMatchObject({ name: 'LlmError' });
    // One request: the redirect's target was never asked, and the failure is recorded.
    expect(stub.requests.length).toBe(before + 1);
    const row = await rowOf(failure.requestId);
    expect(row).toMatchObject({ service: 'translation', success: false });
  });

  it('translation through a language model is priced by tokens', async () => {
    stub.next({ usage: { input: 100, output: 50 } });
    const result = await llm(app.strapi).translate({
      model: chatModel.id,
      text: 'Bonjour',
      targetLanguage: 'en',
    });
    const row = await rowOf(result.usage.requestId);
    expect(row).toMatchObject({ service: 'translation', inputTokens: 100, outputTokens: 50 });
    expect(BigInt(row.costNano)).toBe(200_000n);
  });

  it('image generation is priced per image', async () => {
    const model = await createModel(app.strapi, openai, {
      modelId: 'image-model',
      priceImage: '0.04',
    });
    const result = await llm(app.strapi).image({ model: model.id, prompt: 'a cat', n: 3 });
    expect(result.images).toHaveLength(3);
    const row = await rowOf(result.usage.requestId);
    expect(row).toMatchObject({ service: 'image', unitKind: 'images', units: 3 });
    expect(BigInt(row.costNano)).toBe(120_000_000n);
  });

  it('speech is priced per input character', async () => {
    const model = await createModel(app.strapi, openai, {
      modelId: 'tts-model',
      priceCharacters: '15',
    });
    const text = 'Read this aloud, please.';
    const result = await llm(app.strapi).speech({ model: model.id, text });
    expect(result.audio.length).toBeGreaterThan(0);
    const row = await rowOf(result.usage.requestId);
    expect(row).toMatchObject({ service: 'speech', unitKind: 'characters', units: text.length });
    expect(BigInt(row.costNano)).toBe(BigInt(text.length) * 15_000n);
  });

  it('transcription is priced per second of audio', async () => {
    const model = await createModel(app.strapi, openai, {
      modelId: 'whisper-model',
      priceAudioMinute: '0.006',
    });
    stub.next({ usage: { input: 90 } });
    const result = await llm(app.strapi).transcribe({
      model: model.id,
      audio: new Uint8Array(2000).fill(1),
      mediaType: 'audio/wav',
    });
    expect(result.text).toBe('stub transcription');
    const row = await rowOf(result.usage.requestId);
    expect(row).toMatchObject({ service: 'transcription', unitKind: 'seconds', units: 90 });
    // 90 s at $0.006 per minute = $0.009.
    expect(BigInt(row.costNano)).toBe(9_000_000n);
  });

  it('a task renders its template and is attributed to the task and configuration', async () => {
    const configuration = await createConfiguration(app.strapi, chatModel, {
      systemPrompt: 'You summarise.',
      temperature: 0.2,
    });
    const task = await createTask(app.strapi, configuration, {
      promptTemplate: 'Summarise in a {{tone}} tone: {{text}}',
      variables: ['text', { name: 'tone', default: 'neutral' }],
    });
    const result = await llm(app.strapi).runTask(task.id, { text: 'The quick brown fox.' });
    const row = await rowOf(result.usage.requestId);
    expect(row).toMatchObject({
      taskId: task.id,
      configurationId: configuration.id,
      modelId: chatModel.id,
      service: 'chat',
    });
    const sent = stub.requests[0].body;
    expect(sent.messages).toEqual([
      { role: 'system', content: 'You summarise.' },
      { role: 'user', content: 'Summarise in a neutral tone: The quick brown fox.' },
    ]);
    expect(sent.temperature).toBe(0.2);
  });

  it('a task with a missing variable is refused before any provider call', async () => {
    const configuration = await createConfiguration(app.strapi, chatModel);
    const task = await createTask(app.strapi, configuration, { promptTemplate: 'Hi {{name}}' });
    await expect(llm(app.strapi).runTask(task.id, {})).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('name'),
    });
    expect(stub.requests).toHaveLength(0);
  });

  it('a model handed to app code meters every request it makes', async () => {
    const { generateText } = await import('ai');
    const model = await llm(app.strapi).languageModel({
      model: chatModel.id,
      source: 'app-code',
      user: 9,
    });
    stub.next({ usage: { input: 30, output: 10 } });
    await generateText({ model, prompt: 'direct use' });
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { source: 'app-code' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: 9, inputTokens: 30, outputTokens: 10, success: true });
  });

  it('records every service type above', async () => {
    await flushUsage(app.strapi);
    const services = new Set((await usageRows(app.strapi)).map((row) => row.service));
    expect([...services].sort()).toEqual([...SERVICE_TYPES].sort());
  });
});
