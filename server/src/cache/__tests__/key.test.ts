import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { ResolvedTarget } from '../../gateway/types';
import { cacheKey, canonicalJson } from '../key';
import { cacheTtlMs } from '../policy';

const target = (over: Partial<ResolvedTarget> = {}): ResolvedTarget =>
  ({
    provider: { id: 1, adapter: 'openai', updatedAt: '2026-01-01T00:00:00.000Z' },
    model: { id: 2, modelId: 'gpt', updatedAt: '2026-01-01T00:00:00.000Z' },
    configuration: { id: 3, updatedAt: '2026-01-01T00:00:00.000Z', responseCache: true },
    ...over,
  }) as ResolvedTarget;

const params = (over: Record<string, unknown> = {}) =>
  ({
    prompt: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
    maxOutputTokens: 100,
    ...over,
  }) as unknown as LanguageModelV3CallOptions;

describe('the response cache key', () => {
  it('is canonical: key order and transport options (abort signal, headers) do not change it', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: undefined } })).toBe('{"a":{"d":[1,2]},"b":1}');
    const a = cacheKey(target(), params({ temperature: 0.2 }));
    const b = cacheKey(
      target(),
      params({ abortSignal: new AbortController().signal, headers: { x: 'y' }, temperature: 0.2 })
    );
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
  });

  it('changes with a parameter, the prompt, tools, and an edit of the configuration or model', () => {
    const base = cacheKey(target(), params());
    const others = [
      cacheKey(target(), params({ temperature: 0.5 })),
      cacheKey(
        target(),
        params({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] })
      ),
      cacheKey(target(), params({ tools: [{ type: 'function', name: 'f', inputSchema: {} }] })),
      cacheKey(target(), params({ responseFormat: { type: 'json', schema: { type: 'object' } } })),
      cacheKey(
        target({
          configuration: { ...target().configuration!, updatedAt: '2026-02-01T00:00:00Z' },
        }),
        params()
      ),
      cacheKey(
        target({ model: { ...target().model, updatedAt: '2026-02-01T00:00:00Z' } }),
        params()
      ),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });
});

describe('whether and how long a call is cached', () => {
  it('is opt-in on the configuration; a task overrides it (on, off, its own TTL)', () => {
    const configuration = (over: object) => ({ ...target().configuration!, ...over });
    expect(
      cacheTtlMs(target({ configuration: configuration({ responseCache: false }) }))
    ).toBeNull();
    expect(cacheTtlMs(target())).toBe(3_600_000);
    expect(
      cacheTtlMs(target({ configuration: configuration({ responseCacheTtlSeconds: 60 }) }))
    ).toBe(60_000);
    const task = (over: object) => ({ id: 1, ...over }) as ResolvedTarget['task'];
    expect(cacheTtlMs(target({ task: task({ responseCache: 'off' }) }))).toBeNull();
    expect(
      cacheTtlMs(
        target({
          configuration: configuration({ responseCache: false }),
          task: task({ responseCache: 'on', responseCacheTtlSeconds: 30 }),
        })
      )
    ).toBe(30_000);
    expect(cacheTtlMs(target({ task: task({ responseCache: 'inherit' }) }))).toBe(3_600_000);
  });
});
