import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { adminToken, createFullAccessToken } from '../support/admin';
import { currentClient } from '../support/database';
import {
  clearBudgets,
  createConfiguration,
  createModel,
  flushUsage,
  usageRowOf,
  usageRows,
  withConfiguredModel,
  setupGatewayFixture,
} from '../support/fixtures';

const STUB_TEXT = 'Bonjour! This answer arrives in several streamed chunks.';

/**
 * The OpenAI-compatible endpoint (issue 20): the official `openai` client and the AI SDK's
 * OpenAI-compatible provider talk to a real Strapi over HTTP, with a Strapi API token as their key.
 * Every call is a gateway call: metered (the figures come back equal to the usage rows), budgeted,
 * allow-listed and attributed to the token and the `user` the client names.
 */
describe(`OpenAI-compatible endpoint (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    stub: { resetBeforeEach: true, defaultBehavior: { text: STUB_TEXT } },
  });
  let baseURL: string;
  let chatName: string;
  let otherName: string;
  let embedName: string;
  let token: { id: number; accessKey: string };
  const client = (apiKey = token.accessKey) => new OpenAI({ baseURL, apiKey, maxRetries: 0 });

  beforeAll(async () => {
    const server = app.strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    if (!address || typeof address !== 'object') throw new Error('Strapi is not listening');
    baseURL = `http://127.0.0.1:${address.port}/api/llm/v1`;

    const { provider, model, configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'gpt-4o-mini', priceInput: '1', priceOutput: '2' },
      configuration: { name: `chat-${Date.now()}` },
    });
    chatName = configuration.name;
    otherName = (await createConfiguration(app.strapi, model, { name: `other-${Date.now()}` }))
      .name;
    const embedder = await createModel(app.strapi, provider, {
      modelId: 'text-embedding-3-small',
      capabilities: ['embedding'],
      priceInput: '0.02',
    });
    embedName = (await createConfiguration(app.strapi, embedder, { name: `embed-${Date.now()}` }))
      .name;
    token = await createFullAccessToken(app.strapi, 'openai');
  });

  beforeEach(() => clearBudgets(app.strapi));

  const requestIdOf = (completionId: string) => completionId.replace(/^chatcmpl-/, '');

  it('answers a chat completion with the usage the usage row records, attributed to the token and user', async () => {
    const completion = await client().chat.completions.create({
      model: chatName,
      messages: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Say hello' },
      ],
      max_tokens: 50,
      user: 'customer-42',
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe(chatName);
    expect(completion.choices[0].message).toMatchObject({ role: 'assistant', content: STUB_TEXT });
    expect(completion.choices[0].finish_reason).toBe('stop');

    const row = await usageRowOf(app.strapi, requestIdOf(completion.id));
    expect(completion._request_id).toBe(row.requestId);
    expect(completion.usage).toEqual({
      prompt_tokens: row.inputTokens,
      completion_tokens: row.outputTokens,
      total_tokens: row.inputTokens + row.outputTokens,
    });
    expect(row.inputTokens).toBeGreaterThan(0);
    expect(row).toMatchObject({
      success: true,
      apiTokenId: token.id,
      userId: null,
      endUser: 'customer-42',
      source: 'openai-compat',
    });
    // The request log's detail shows the end user.
    const { token: bearer } = await adminToken(app.strapi, app.request);
    const detail = await app.request
      .get(`/llm/requests/${row.id}`)
      .set('Authorization', `Bearer ${bearer}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.endUser).toBe('customer-42');
    // What the client sent reached the provider: the system message and the output cap.
    const sent = stub.requests[0].body;
    expect(sent.messages[0]).toMatchObject({ role: 'system', content: 'Answer in French.' });
    expect(sent.max_tokens ?? sent.max_completion_tokens).toBe(50);
  });

  it('streams chunks whose text is the answer, then a usage chunk equal to the usage row', async () => {
    const stream = await client().chat.completions.create({
      model: chatName,
      messages: [{ role: 'user', content: 'Stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    expect(text).toBe(STUB_TEXT);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === chatName)).toBe(
      true
    );
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);

    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { apiTokenId: token.id, streamed: true });
    expect(rows).toHaveLength(1);
    expect(last.usage).toEqual({
      prompt_tokens: rows[0].inputTokens,
      completion_tokens: rows[0].outputTokens,
      total_tokens: rows[0].inputTokens + rows[0].outputTokens,
    });
    expect(rows[0].outputTokens).toBeGreaterThan(0);
  });

  it('aborts the provider stream when the client goes away, and records the call as aborted', async () => {
    stub.defaultBehavior = { text: 'word '.repeat(200), chunkDelayMs: 50 };
    const controller = new AbortController();
    const stream = await client().chat.completions.create(
      { model: chatName, messages: [{ role: 'user', content: 'A long one' }], stream: true },
      { signal: controller.signal }
    );
    let received = 0;
    // The client ends its iteration quietly on its own abort (or throws, by version): either way it stops.
    await (async () => {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta?.content) received += 1;
        if (received === 2) controller.abort();
      }
    })().catch(() => undefined);
    expect(received).toBeLessThan(10);
    // The gateway settles the aborted call on its own time: wait for its row, not for a duration.
    let rows: any[] = [];
    for (let i = 0; i < 100 && rows.length === 0; i += 1) {
      await flushUsage(app.strapi);
      rows = await usageRows(app.strapi, { apiTokenId: token.id, streamed: true });
      if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ success: false, errorCode: 'aborted' });
  });

  it('answers embeddings (base64 as the client asks by default, and floats)', async () => {
    const result = await client().embeddings.create({ model: embedName, input: ['a', 'abcd'] });
    expect(result.object).toBe('list');
    expect(result.model).toBe(embedName);
    // The stub's vectors: [length / 100, 0.5, -0.25], through float32 as OpenAI's base64 is.
    expect(result.data.map((d) => d.index)).toEqual([0, 1]);
    expect(result.data[1].embedding[0]).toBeCloseTo(0.04, 6);
    expect(result.data[1].embedding.slice(1)).toEqual([0.5, -0.25]);
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { apiTokenId: token.id, service: 'embedding' });
    expect(rows).toHaveLength(1);
    expect(rows[0].inputTokens).toBeGreaterThan(0);
    expect(result.usage).toEqual({
      prompt_tokens: rows[0].inputTokens,
      total_tokens: rows[0].inputTokens,
    });

    const floats = await client().embeddings.create({
      model: embedName,
      input: 'abc',
      encoding_format: 'float',
    });
    expect(floats.data[0].embedding).toEqual([0.03, 0.5, -0.25]);
  });

  it("refuses a call past the token's budget with a 429 carrying the plugin's code and request id", async () => {
    await app.strapi.plugin('llm').service('budget').create({
      name: 'OpenAI client allowance',
      scope: 'apiToken',
      apiTokenId: token.id,
      dailyRequests: 1,
      onExceed: 'block',
      active: true,
    });
    const ask = () =>
      client().chat.completions.create({
        model: chatName,
        messages: [{ role: 'user', content: 'Hi' }],
      });
    await ask();
    const refused = await ask().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.status).toBe(429);
    expect(error.code).toBe('budget_exceeded');
    expect(error.type).toBe('insufficient_quota');
    expect(JSON.stringify(error.error)).not.toContain('OpenAI client allowance');
    const row = await usageRowOf(app.strapi, error.requestID!);
    expect(row).toMatchObject({
      success: false,
      errorCode: 'budget_exceeded',
      apiTokenId: token.id,
    });
    expect((error.error as { request_id?: string }).request_id).toBe(row.requestId);
    expect(stub.requests).toHaveLength(1);

    // A streamed call is refused the same way, before any event: a 429, not a 200 stream.
    const streamed = await client()
      .chat.completions.create({
        model: chatName,
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      })
      .catch((e: unknown) => e);
    expect(streamed).toBeInstanceOf(OpenAI.RateLimitError);
    expect(stub.requests).toHaveLength(1);
  });

  it("refuses a call past the token's rate limit with a 429 and Retry-After", async () => {
    const limits = app.strapi.plugin('llm').service('rate-limit');
    const clock = app.strapi.plugin('llm').service('clock');
    // 45 s into a minute: the refusal says 15 s are left.
    clock.set(() => new Date(Date.parse('2026-05-04T10:20:45Z')));
    try {
      await limits.create({ scope: 'apiToken', subjectId: token.id, requestsPerMinute: 1 });
      const ask = () =>
        client().chat.completions.create({
          model: chatName,
          messages: [{ role: 'user', content: 'Hi' }],
        });
      await ask();
      const refused = (await ask().catch((e: unknown) => e)) as InstanceType<
        typeof OpenAI.RateLimitError
      >;
      expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
      expect(refused.code).toBe('rate_limit_exceeded');
      expect(refused.type).toBe('rate_limit_error');
      expect(refused.headers.get('retry-after')).toBe('15');
      expect(refused.message).toContain('Too many AI requests');
      expect(stub.requests).toHaveLength(1);
    } finally {
      await app.strapi.db.query('plugin::llm.rate-limit').deleteMany({});
      limits.invalidate();
      await limits.resetCounters();
      clock.set(null);
    }
  });

  it('answers 404 model_not_found for a model that names no configuration', async () => {
    const missing = await client()
      .chat.completions.create({
        model: 'no-such-config',
        messages: [{ role: 'user', content: 'x' }],
      })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    const embeds = await client()
      .embeddings.create({ model: 'no-such-config', input: 'x' })
      .catch((e: unknown) => e);
    expect(embeds).toBeInstanceOf(OpenAI.NotFoundError);
    expect(stub.requests).toHaveLength(0);
  });

  it('refuses unknown and unsupported fields with a 400 naming them, calling nothing', async () => {
    const ask = (extra: Record<string, unknown>) =>
      client()
        .chat.completions.create({
          model: chatName,
          messages: [{ role: 'user', content: 'x' }],
          ...extra,
        } as never)
        .then(
          () => {
            throw new Error('expected a 400');
          },
          (e: unknown) => e as InstanceType<typeof OpenAI.BadRequestError>
        );
    const tools = await ask({
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
    });
    expect(tools).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tools.param).toBe('tools');
    expect((await ask({ frobnicate: 1 })).param).toBe('frobnicate');
    expect((await ask({ temperature: 3 })).param).toBe('temperature');
    expect((await ask({ messages: [{ role: 'tool', content: 'x' }] })).param).toBe(
      'messages[0].role'
    );
    expect((await ask({ user: 'u'.repeat(257) })).param).toBe('user');
    expect(stub.requests).toHaveLength(0);
  });

  it('refuses a token without the route permission, and a read-only token (403)', async () => {
    const tokens = app.strapi.service('admin::api-token');
    const chatOnly = await tokens.create({
      name: `chat only ${Date.now()}`,
      type: 'custom',
      lifespan: null,
      description: '',
      permissions: ['plugin::llm.openai-compat.chatCompletions'],
    });
    const readOnly = await tokens.create({
      name: `read only ${Date.now()}`,
      type: 'read-only',
      lifespan: null,
      description: '',
    });
    const asChatOnly = client(chatOnly.accessKey);
    await expect(
      asChatOnly.chat.completions.create({
        model: chatName,
        messages: [{ role: 'user', content: 'x' }],
      })
    ).resolves.toMatchObject({ object: 'chat.completion' });
    await expect(
      asChatOnly.embeddings.create({ model: embedName, input: 'x' })
    ).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    await expect(asChatOnly.models.list()).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    await expect(
      client(readOnly.accessKey).chat.completions.create({
        model: chatName,
        messages: [{ role: 'user', content: 'x' }],
      })
    ).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    await expect(client('not-a-token').models.list()).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError
    );
    expect(stub.requests).toHaveLength(1);
  });

  it("lists the active configurations the token's allow-list permits, and refuses the others (403)", async () => {
    const all = (await client().models.list()).data.map((m) => m.id);
    expect(all).toEqual(expect.arrayContaining([chatName, otherName, embedName]));
    expect(all.every((id) => typeof id === 'string')).toBe(true);

    const limited = await createFullAccessToken(app.strapi, 'limited');
    const chat = await app.strapi.db
      .query('plugin::llm.configuration')
      .findOne({ where: { name: chatName } });
    const access = app.strapi.plugin('llm').service('access');
    await access.put('apiToken', limited.id, { configurations: [chat.id], capabilities: null });
    try {
      const listed = await client(limited.accessKey).models.list();
      expect(listed.data.map((m) => m.id)).toEqual([chatName]);
      expect(listed.data[0]).toMatchObject({ object: 'model', owned_by: 'strapi-plugin-llm' });
      const refused = await client(limited.accessKey)
        .chat.completions.create({ model: otherName, messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect((refused as InstanceType<typeof OpenAI.APIError>).code).toBe('not_allowed');
      expect(stub.requests).toHaveLength(0);
    } finally {
      await access.remove('apiToken', limited.id);
    }
  });

  it("serves the AI SDK's OpenAI-compatible provider: generateText and streamText", async () => {
    const provider = createOpenAICompatible({
      name: 'strapi',
      baseURL,
      apiKey: token.accessKey,
      includeUsage: true,
    });
    const generated = await generateText({
      model: provider.chatModel(chatName),
      prompt: 'Hello from the SDK',
      maxRetries: 0,
    });
    expect(generated.text).toBe(STUB_TEXT);
    const streamed = streamText({
      model: provider.chatModel(chatName),
      prompt: 'Stream from the SDK',
      maxRetries: 0,
    });
    expect(await streamed.text).toBe(STUB_TEXT);
    const usage = await streamed.usage;

    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { apiTokenId: token.id });
    expect(rows).toHaveLength(2);
    expect(generated.usage.inputTokens).toBe(rows[0].inputTokens);
    expect(generated.usage.outputTokens).toBe(rows[0].outputTokens);
    expect(rows[1].streamed).toBeTruthy();
    expect(usage.inputTokens).toBe(rows[1].inputTokens);
    expect(usage.outputTokens).toBe(rows[1].outputTokens);
  });
});
