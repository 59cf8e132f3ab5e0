import {
  capabilitiesFromId,
  listAnthropicModels,
  listOllamaModels,
  listOpenAiModels,
} from '../model-lists';
import type { ProviderConnection } from '../types';

/** A connection whose fetch answers from a table of URLs, and records what it was asked. */
function connectionAnswering(pages: Record<string, { status?: number; body: unknown }>) {
  const asked: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    asked.push({ url, headers: init?.headers as Record<string, string> });
    const page = pages[url];
    if (!page) return new Response('{"error":{"message":"no such page"}}', { status: 404 });
    return new Response(JSON.stringify(page.body), { status: page.status ?? 200 });
  }) as typeof globalThis.fetch;
  const connection: ProviderConnection = {
    id: 1,
    name: 'p',
    adapter: 'openai',
    apiKey: 'sk-unit',
    timeoutMs: 1000,
    maxRetries: 0,
    fetch,
    outbound: { allowedHosts: [], allowPrivateNetworks: false },
  };
  return { connection, asked };
}

describe('models endpoints', () => {
  it('reads what a model is for from its id where the list does not say', () => {
    expect(capabilitiesFromId('text-embedding-3-large')).toEqual(['embedding']);
    expect(capabilitiesFromId('dall-e-3')).toEqual(['image']);
    expect(capabilitiesFromId('tts-1')).toEqual(['speech']);
    expect(capabilitiesFromId('whisper-1')).toEqual(['transcription']);
    expect(capabilitiesFromId('gpt-4o-mini')).toEqual(['chat', 'vision']);
    expect(capabilitiesFromId('gpt-3.5-turbo')).toEqual(['chat']);
  });

  it('lists OpenAI-format models sorted, with Mistral’s capabilities where given', async () => {
    const { connection, asked } = connectionAnswering({
      'https://api.example.com/v1/models': {
        body: {
          object: 'list',
          data: [
            { id: 'pixtral-large', capabilities: { completion_chat: true, vision: true } },
            { id: 'a-model', object: 'model' },
          ],
        },
      },
    });
    const models = await listOpenAiModels(connection, 'https://api.example.com/v1/');
    expect(models.map((m) => [m.modelId, m.capabilities])).toEqual([
      ['a-model', ['chat']],
      ['pixtral-large', ['chat', 'vision']],
    ]);
    expect(asked[0].headers.authorization).toBe('Bearer sk-unit');
  });

  it('follows Anthropic’s pages, and fails with the provider’s status and message', async () => {
    const base = 'https://api.anthropic.test/v1/models?limit=1000';
    const { connection } = connectionAnswering({
      [base]: {
        body: {
          data: [{ type: 'model', id: 'b', display_name: 'B' }],
          has_more: true,
          last_id: 'b',
        },
      },
      [`${base}&after_id=b`]: {
        body: { data: [{ type: 'model', id: 'a', display_name: 'A' }], has_more: false },
      },
    });
    const models = await listAnthropicModels(connection, 'https://api.anthropic.test/v1');
    expect(models.map((m) => m.displayName)).toEqual(['A', 'B']);

    const failing = connectionAnswering({
      'https://h.test/v1/models': {
        status: 401,
        body: { error: { message: 'invalid x-api-key' } },
      },
    });
    await expect(listOpenAiModels(failing.connection, 'https://h.test/v1')).rejects.toMatchObject({
      statusCode: 401,
      message: 'invalid x-api-key',
    });
  });

  it('reads Ollama’s tags at the host’s root, whatever the /v1 base URL', async () => {
    const { connection, asked } = connectionAnswering({
      'http://ollama.test:11434/api/tags': {
        body: {
          models: [
            {
              name: 'nomic-embed-text:latest',
              model: 'nomic-embed-text:latest',
              details: { families: ['nomic-bert'] },
            },
            { name: 'llava:7b', model: 'llava:7b', details: { families: ['llama', 'clip'] } },
          ],
        },
      },
    });
    const models = await listOllamaModels(connection, 'http://ollama.test:11434/v1');
    expect(asked[0].url).toBe('http://ollama.test:11434/api/tags');
    expect(models.map((m) => [m.modelId, m.capabilities])).toEqual([
      ['llava:7b', ['chat', 'vision']],
      ['nomic-embed-text:latest', ['embedding']],
    ]);
  });
});
