import type http from 'node:http';
import type { StubBehavior } from './behavior';

/**
 * The providers' models endpoints in their real wire formats: OpenAI (and Mistral, and compatible
 * hosts) `GET /v1/models`, Anthropic `GET /v1/models` (told apart by its `anthropic-version`
 * header), Gemini `GET /v1beta/models`, Ollama's local tags `GET /api/tags`, and DeepL's usage
 * `GET /v2/usage` (DeepL lists no models). Scripted like every other route: `{ status: 401 }`
 * fails it, `{ models: [...] }` says what it lists.
 */
export const DEFAULT_MODELS = {
  openai: ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small'],
  anthropic: ['claude-3-5-haiku-20241022', 'claude-sonnet-4-20250514'],
  gemini: ['gemini-2.0-flash', 'text-embedding-004'],
  ollama: ['llama3.2:latest', 'nomic-embed-text:latest'],
};

type Json = (res: http.ServerResponse, status: number, body: unknown) => void;
const CREATED = 1_715_367_049;

export function openaiModels(behavior: StubBehavior) {
  return {
    object: 'list',
    data: (behavior.models ?? DEFAULT_MODELS.openai).map((id) => ({
      id,
      object: 'model',
      created: CREATED,
      owned_by: 'system',
    })),
  };
}

export function anthropicModels(behavior: StubBehavior) {
  const ids = behavior.models ?? DEFAULT_MODELS.anthropic;
  const data = ids.map((id) => ({
    type: 'model',
    id,
    display_name: id
      .replace(/-\d{8}$/, '')
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(' '),
    created_at: '2025-05-14T00:00:00Z',
  }));
  return {
    data,
    has_more: behavior.morePages ?? false,
    first_id: ids[0] ?? null,
    last_id: ids.at(-1) ?? null,
  };
}

export function geminiModels(behavior: StubBehavior) {
  return {
    models: (behavior.models ?? DEFAULT_MODELS.gemini).map((id) => ({
      name: `models/${id}`,
      version: '001',
      displayName: id,
      inputTokenLimit: 1_048_576,
      outputTokenLimit: 8192,
      supportedGenerationMethods: /embed/.test(id)
        ? ['embedContent']
        : ['generateContent', 'countTokens'],
    })),
  };
}

export function ollamaTags(behavior: StubBehavior) {
  return {
    models: (behavior.models ?? DEFAULT_MODELS.ollama).map((name) => ({
      name,
      model: name,
      modified_at: '2025-05-01T10:00:00.000000+00:00',
      size: 2_019_393_189,
      digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
      details: {
        parent_model: '',
        format: 'gguf',
        family: /embed/.test(name) ? 'nomic-bert' : 'llama',
        families: [/embed/.test(name) ? 'nomic-bert' : 'llama'],
        parameter_size: '3.2B',
        quantization_level: 'Q4_K_M',
      },
    })),
  };
}

/** The models routes, given the stub's JSON writer (the handlers' shape in server.ts). */
export const modelRoutes = (json: Json) => ({
  'GET /v1/models': async (
    request: { headers: http.IncomingHttpHeaders },
    behavior: StubBehavior,
    res: http.ServerResponse
  ) =>
    json(
      res,
      200,
      request.headers['anthropic-version'] ? anthropicModels(behavior) : openaiModels(behavior)
    ),
  'GET /v1beta/models': async (_r: unknown, behavior: StubBehavior, res: http.ServerResponse) =>
    json(res, 200, geminiModels(behavior)),
  'GET /api/tags': async (_r: unknown, behavior: StubBehavior, res: http.ServerResponse) =>
    json(res, 200, ollamaTags(behavior)),
  'GET /v2/usage': async (_r: unknown, _b: StubBehavior, res: http.ServerResponse) =>
    json(res, 200, { character_count: 180_118, character_limit: 500_000 }),
});
