import { MAX_LISTED_MODELS, type ModelCapability } from '../../../shared/contracts/providers';
import { getJson } from './list-fetch';
import type { ListedModel, ListOptions, ProviderConnection } from './types';

/**
 * The providers' models endpoints, read with the connection's guarded fetch (the AI SDK has no
 * "list models"): OpenAI-compatible `GET {baseURL}/models` (OpenAI, Mistral, any compatible host),
 * Anthropic `GET /v1/models`, Gemini `GET /v1beta/models`, Ollama's local tags `GET /api/tags`.
 * Listing is free: no tokens are used. Paged lists stop after `options.maxPages` pages (Test
 * connection reads one) or once they hold more than MAX_LISTED_MODELS; each page is read with a
 * byte cap (list-fetch.ts) within the caller's deadline (`signal`).
 */

/** How many pages a paged list reads: the caller's limit, else up to 20. */
const pagesOf = (options?: ListOptions) => Math.max(1, Math.min(options?.maxPages ?? 20, 20));
const full = (models: ListedModel[]) => models.length > MAX_LISTED_MODELS;

const trim = (url: string) => url.replace(/\/+$/, '');
const bearer = (connection: ProviderConnection): Record<string, string> =>
  connection.apiKey ? { authorization: `Bearer ${connection.apiKey}` } : {};

/** What a model id says it is for, where the provider's list does not (OpenAI's and compatible hosts'). */
export function capabilitiesFromId(modelId: string): ModelCapability[] {
  const id = modelId.toLowerCase();
  if (/embed/.test(id)) return ['embedding'];
  if (/dall-e|gpt-image|imagen|flux|stable-diffusion/.test(id)) return ['image'];
  if (/tts/.test(id)) return ['speech'];
  if (/whisper|transcribe/.test(id)) return ['transcription'];
  if (/vision|gpt-4o|gpt-4\.1|gpt-5|llava|pixtral|-vl\b|gemini|claude/.test(id))
    return ['chat', 'vision'];
  return ['chat'];
}

const byId = (models: ListedModel[]) => models.sort((a, b) => a.modelId.localeCompare(b.modelId));

/**
 * A paged model list: asks `page(cursor)` (null first) until a page names no next cursor, the list
 * is full, or the page bound is reached; sorted by id.
 */
async function pagedList(
  options: ListOptions | undefined,
  page: (cursor: string | null) => Promise<{ models: ListedModel[]; next: string | null }>
): Promise<ListedModel[]> {
  const models: ListedModel[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < pagesOf(options); n += 1) {
    const { models: more, next } = await page(cursor);
    models.push(...more);
    if (full(models) || !next) break;
    cursor = next;
  }
  return byId(models);
}

/** OpenAI, Mistral and every OpenAI-compatible host: `{ object: 'list', data: [{ id, … }] }`. */
export async function listOpenAiModels(
  connection: ProviderConnection,
  baseURL: string,
  signal?: AbortSignal,
  _options?: ListOptions
): Promise<ListedModel[]> {
  const body = await getJson(connection, `${trim(baseURL)}/models`, bearer(connection), signal);
  const data: Array<{ id?: unknown; name?: unknown; capabilities?: Record<string, unknown> }> =
    Array.isArray(body?.data) ? body.data : [];
  return byId(
    data
      .filter((m) => typeof m.id === 'string')
      .map((m) => {
        const id = m.id as string;
        // Mistral says what each model does; others leave it to the id.
        const caps = m.capabilities;
        const capabilities: ModelCapability[] = caps
          ? [
              ...(caps.completion_chat ? (['chat'] as const) : []),
              ...(caps.vision ? (['vision'] as const) : []),
            ]
          : capabilitiesFromId(id);
        return {
          modelId: id,
          displayName: typeof m.name === 'string' ? m.name : id,
          capabilities: capabilities.length > 0 ? capabilities : capabilitiesFromId(id),
        };
      })
  );
}

/** Anthropic: `{ data: [{ type: 'model', id, display_name }], has_more, last_id }`, paged. */
export async function listAnthropicModels(
  connection: ProviderConnection,
  baseURL: string,
  signal?: AbortSignal,
  options?: ListOptions
): Promise<ListedModel[]> {
  const headers = {
    'anthropic-version': '2023-06-01',
    ...(connection.apiKey ? { 'x-api-key': connection.apiKey } : {}),
  };
  return pagedList(options, async (after) => {
    const query = `?limit=1000${after ? `&after_id=${encodeURIComponent(after)}` : ''}`;
    const body = await getJson(connection, `${trim(baseURL)}/models${query}`, headers, signal);
    const models: ListedModel[] = [];
    for (const m of Array.isArray(body?.data) ? body.data : [])
      if (typeof m?.id === 'string')
        models.push({
          modelId: m.id,
          displayName: typeof m.display_name === 'string' ? m.display_name : m.id,
          capabilities: ['chat', 'vision'],
        });
    const next = body?.has_more && typeof body.last_id === 'string' ? body.last_id : null;
    return { models, next };
  });
}

/** Gemini: `{ models: [{ name: 'models/…', displayName, supportedGenerationMethods }], nextPageToken }`. */
export async function listGeminiModels(
  connection: ProviderConnection,
  baseURL: string,
  signal?: AbortSignal,
  options?: ListOptions
): Promise<ListedModel[]> {
  const headers: Record<string, string> = connection.apiKey
    ? { 'x-goog-api-key': connection.apiKey }
    : {};
  return pagedList(options, async (token) => {
    const query = `?pageSize=1000${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
    const body = await getJson(connection, `${trim(baseURL)}/models${query}`, headers, signal);
    const models: ListedModel[] = [];
    for (const m of Array.isArray(body?.models) ? body.models : []) {
      if (typeof m?.name !== 'string') continue;
      const id = m.name.replace(/^models\//, '');
      const methods: string[] = Array.isArray(m.supportedGenerationMethods)
        ? m.supportedGenerationMethods
        : [];
      const capabilities: ModelCapability[] = methods.includes('embedContent')
        ? ['embedding']
        : methods.includes('predict')
          ? ['image']
          : ['chat', 'vision'];
      models.push({
        modelId: id,
        displayName: typeof m.displayName === 'string' ? m.displayName : id,
        capabilities,
      });
    }
    const next =
      typeof body?.nextPageToken === 'string' && body.nextPageToken ? body.nextPageToken : null;
    return { models, next };
  });
}

/** Ollama's local tags: `{ models: [{ name, model, details: { families } }] }`, at the host's root. */
export async function listOllamaModels(
  connection: ProviderConnection,
  baseURL: string,
  signal?: AbortSignal,
  _options?: ListOptions
): Promise<ListedModel[]> {
  const root = trim(baseURL).replace(/\/v1$/, '');
  const body = await getJson(connection, `${root}/api/tags`, bearer(connection), signal);
  const models: ListedModel[] = [];
  for (const m of Array.isArray(body?.models) ? body.models : []) {
    const id = typeof m?.model === 'string' ? m.model : m?.name;
    if (typeof id !== 'string') continue;
    const families: string[] = Array.isArray(m.details?.families) ? m.details.families : [];
    const capabilities: ModelCapability[] = families.some((f) => /bert/.test(f))
      ? ['embedding']
      : families.some((f) => /clip|mllama|vision/.test(f))
        ? ['chat', 'vision']
        : capabilitiesFromId(id);
    models.push({
      modelId: id,
      displayName: typeof m.name === 'string' ? m.name : id,
      capabilities,
    });
  }
  return byId(models);
}
