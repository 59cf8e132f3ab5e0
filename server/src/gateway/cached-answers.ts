import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { performance } from 'node:perf_hooks';
import type { CachePlan } from '../cache/response-cache';
import type { CachedResponse } from '../cache/store';
import type { UsageEvent } from '../usage/event';
import type { CallEstimate, Reservation } from './budget-seam';
import { admitOrRecordRefused, usageEvent, type MeterDeps } from './meter';
import type { CallContext, ResolvedTarget } from './types';

/** A call whose configuration or task caches answers, after its lookup. */
export interface CacheLookup {
  plan: CachePlan;
  hit: CachedResponse | null;
  /** The access controls' admission (the allow-list passed before the lookup). */
  access: Reservation;
  started: number;
}

/**
 * The cache's place on the call path: the allow-list first (a denied caller never gets a cached
 * answer, and the refusal is recorded), then the lookup. Null when the call is not cached; then
 * every control runs as usual.
 */
export async function lookUp(
  deps: MeterDeps,
  target: ResolvedTarget,
  context: CallContext,
  params: LanguageModelV3CallOptions,
  estimate: () => CallEstimate
): Promise<CacheLookup | null> {
  const plan = deps.cache?.plan(target, params);
  if (!deps.cache || !plan) return null;
  const access = await admitOrRecordRefused(deps, target, context, estimate, 'access');
  const started = performance.now();
  const hit = await deps.cache.get(plan.key);
  return { plan, hit, access, started };
}

/** A hit's usage row: same attribution, cost 0, no provider tokens, what it saved. */
export async function recordHit(
  deps: MeterDeps,
  target: ResolvedTarget,
  context: CallContext,
  lookup: CacheLookup & { hit: CachedResponse },
  streamed: boolean
): Promise<UsageEvent> {
  const event = usageEvent(deps, target, context, {
    success: true,
    measured: { streamed },
    latencyMs: performance.now() - lookup.started,
    cacheHit: { savedNano: BigInt(lookup.hit.costNano ?? 0) },
  });
  deps.record(event);
  await lookup.access.settle(0n, 0);
  return event;
}

/** Content the cache keeps: text, reasoning and tool calls (no files or sources). */
const cacheable = (content: LanguageModelV3Content[]) =>
  content.every((part) => ['text', 'reasoning', 'tool-call'].includes(part.type));

/**
 * Finishes worth serving again: a complete answer, one cut by the request's own output cap (the
 * cap is in the key), tool calls. A content-filter refusal, an error or an unexplained stop is not.
 */
const SERVABLE_FINISHES = new Set(['stop', 'length', 'tool-calls']);

/** Stores a successful answer (generate or stream); never awaited by the caller. */
export function remember(
  deps: MeterDeps,
  target: ResolvedTarget,
  lookup: CacheLookup,
  answer: Omit<CachedResponse, 'costNano'>,
  event: UsageEvent
) {
  if (!deps.cache || !event.success || !cacheable(answer.content)) return;
  if (!SERVABLE_FINISHES.has(answer.finishReason.unified)) return;
  const content = answer.content.map((part) =>
    part.type === 'text' || part.type === 'reasoning' ? { type: part.type, text: part.text } : part
  );
  deps.cache.put(
    lookup.plan,
    {
      content,
      finishReason: answer.finishReason,
      usage: answer.usage,
      costNano: event.costNano === null ? null : event.costNano.toString(),
    },
    target
  );
}

/** A cached answer as the provider's generate result. */
export const replayGenerate = (hit: CachedResponse): LanguageModelV3GenerateResult => ({
  content: hit.content,
  finishReason: hit.finishReason,
  usage: hit.usage,
  warnings: [],
});

/** A cached answer as the provider's stream: the same parts a live stream delivers, at once. */
export function replayStream(hit: CachedResponse): {
  stream: ReadableStream<LanguageModelV3StreamPart>;
} {
  const chunks: LanguageModelV3StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  hit.content.forEach((part, index) => {
    const id = String(index);
    if (part.type === 'text' || part.type === 'reasoning') {
      const kind = part.type;
      chunks.push({ type: `${kind}-start`, id });
      if (part.text) chunks.push({ type: `${kind}-delta`, id, delta: part.text });
      chunks.push({ type: `${kind}-end`, id });
    } else if (part.type === 'tool-call') chunks.push(part);
  });
  chunks.push({ type: 'finish', finishReason: hit.finishReason, usage: hit.usage });
  return {
    stream: simulateReadableStream({ chunks, initialDelayInMs: null, chunkDelayInMs: null }),
  };
}

/**
 * What a live stream produced, for the cache: its text and reasoning in order, its finish. A
 * stream with tool input, files or an error part is not cached.
 */
export function streamCollector() {
  let text = '';
  let reasoning = '';
  let finishReason: LanguageModelV3FinishReason | undefined;
  let usage: LanguageModelV3Usage | undefined;
  let keep = true;
  return {
    see(part: LanguageModelV3StreamPart) {
      if (part.type === 'text-delta') text += part.delta;
      else if (part.type === 'reasoning-delta') reasoning += part.delta;
      else if (part.type === 'finish') ({ finishReason, usage } = part);
      else if (part.type.startsWith('tool-') || part.type === 'file' || part.type === 'error')
        keep = false;
    },
    answer(): Omit<CachedResponse, 'costNano'> | null {
      if (!keep || !finishReason || !usage) return null;
      const content: LanguageModelV3Content[] = [];
      if (reasoning) content.push({ type: 'reasoning', text: reasoning });
      content.push({ type: 'text', text });
      return { content, finishReason, usage };
    },
  };
}
