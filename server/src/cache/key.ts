import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { createHash } from 'node:crypto';
import type { ResolvedTarget } from '../gateway/types';

/** Bumped when the key's shape changes, so old entries are never read as new ones. */
const KEY_VERSION = 1;

/** Call options that do not change the answer: how the call is carried, not what it asks. */
const NOT_IN_KEY = new Set(['abortSignal', 'headers', 'includeRawChunks']);

/** JSON with object keys sorted at every depth and bytes as base64: one text per request. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (value instanceof URL) return JSON.stringify(value.href);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort();
    return `{${keys
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`
      )
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const stamp = (value: string | Date | undefined) =>
  value instanceof Date ? value.toISOString() : (value ?? null);

/**
 * The cache key: sha256 over the canonical JSON of where the call goes (provider, model,
 * configuration, each with its `updatedAt`, so editing one makes its old entries unreachable) and
 * the resolved request the model receives (prompt with the system message and filled template,
 * settings, tools, response format, provider options). The caller's identity is not part of it.
 */
export function cacheKey(target: ResolvedTarget, params: LanguageModelV3CallOptions): string {
  const request = Object.fromEntries(
    Object.entries(params).filter(([name]) => !NOT_IN_KEY.has(name))
  );
  const text = canonicalJson({
    v: KEY_VERSION,
    provider: {
      id: target.provider.id,
      adapter: target.provider.adapter,
      at: stamp(target.provider.updatedAt),
    },
    model: {
      id: target.model.id,
      modelId: target.model.modelId,
      at: stamp(target.model.updatedAt),
    },
    configuration: target.configuration
      ? { id: target.configuration.id, at: stamp(target.configuration.updatedAt) }
      : null,
    request,
  });
  return createHash('sha256').update(text).digest('hex');
}
