import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { PassThrough } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { ChatCompletions, OpenAiFinishReason } from '../../../shared/contracts/openai-compat';
import { LlmError, toLlmError } from '../gateway/errors';
import type { TextResult } from '../gateway/generation';
import { openAiError, sendOpenAiError } from './errors';
import { completionId, finishReasonOf, nowSeconds, usageOf } from './responses';

/** What the gateway's stream service hands back (services/llm.ts `stream`). */
export interface GatewayStream {
  fullStream: AsyncIterable<{ type: string; text?: string; error?: unknown }>;
  result: Promise<TextResult>;
}

type Part = { type: string; text?: string; error?: unknown };

/**
 * The parts up to the first that says how the call went: text (or the end) means it is being
 * served; an error before any text is a refusal (a budget, an allow-list, a rate limit) that gets
 * its own HTTP status rather than a 200 stream.
 */
async function firstMeaningful(parts: AsyncIterator<Part>): Promise<Part | null> {
  for (;;) {
    const next = await parts.next();
    if (next.done) return null;
    const { type } = next.value;
    if (type === 'text-delta' || type === 'finish' || type === 'error' || type === 'abort')
      return next.value;
  }
}

/** The error a failed stream reports: the gateway's own (with its request id) over the SDK's part. */
async function failureOf(part: Part, result: Promise<TextResult>): Promise<LlmError> {
  const settled = await result.then(
    () => null,
    (error: unknown) => error
  );
  const error = settled ?? part.error;
  return error instanceof LlmError ? error : toLlmError(error, 'provider');
}

interface SseScope {
  model: string;
  includeUsage: boolean;
  out: PassThrough;
  log: Core.Strapi['log'];
}

/** Writes the chunks: text deltas, then the finish reason, the usage chunk if asked, then [DONE]. */
async function pump(
  scope: SseScope,
  first: Part,
  parts: AsyncIterator<Part>,
  stream: GatewayStream
) {
  const { out, model } = scope;
  // One id and one creation time for every chunk of the answer, as OpenAI sends them.
  const base = {
    id: completionId(randomUUID()),
    object: 'chat.completion.chunk' as const,
    created: nowSeconds(),
    model,
  };
  // Koa destroys the body when the client goes away; what is still produced is dropped.
  const send = (data: unknown) => {
    if (!out.destroyed) out.write(`data: ${JSON.stringify(data)}\n\n`);
  };
  const chunk = (
    delta: ChatCompletions.Chunk['choices'][0]['delta'],
    finish: OpenAiFinishReason | null
  ): ChatCompletions.Chunk => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(scope.includeUsage && { usage: null }),
  });
  send(chunk({ role: 'assistant', content: '' }, null));
  let part: Part | null = first;
  let finishReason: string | undefined;
  try {
    while (part) {
      if (part.type === 'text-delta' && part.text) send(chunk({ content: part.text }, null));
      else if (part.type === 'error' || part.type === 'abort')
        throw await failureOf(part, stream.result);
      else if (part.type === 'finish')
        finishReason = (part as { finishReason?: string }).finishReason;
      const next = await parts.next();
      part = next.done ? null : next.value;
    }
    const result = await stream.result;
    send(chunk({}, finishReasonOf(result.finishReason ?? finishReason)));
    if (scope.includeUsage) send({ ...base, choices: [], usage: usageOf(result.usage) });
    if (!out.destroyed) out.end('data: [DONE]\n\n');
  } catch (error) {
    const failure = error instanceof LlmError ? error : toLlmError(error, 'provider');
    // Headers are sent: OpenAI reports a failure mid-stream as an error event, then closes.
    if (!out.destroyed) out.end(`data: ${JSON.stringify(openAiError(failure))}\n\n`);
    scope.log.debug(`llm: OpenAI-compatible stream ended with ${failure.code}`);
  }
}

/**
 * Serves a chat completion as server-sent events. The response starts only once the call is
 * admitted (a refusal is an ordinary JSON error); a client that goes away aborts the gateway
 * stream through `abort`, and the gateway meters that as it meters any aborted call.
 */
export async function sendStream(
  ctx: Context,
  strapi: Core.Strapi,
  stream: GatewayStream,
  options: { model: string; includeUsage: boolean; abort: AbortController }
) {
  const parts = stream.fullStream[Symbol.asyncIterator]();
  const first = await firstMeaningful(parts);
  if (first && (first.type === 'error' || first.type === 'abort'))
    return sendOpenAiError(ctx, await failureOf(first, stream.result));

  const out = new PassThrough();
  // A write racing the client's disconnect must not become an unhandled 'error' event.
  out.on('error', () => undefined);
  ctx.res.on('close', () => {
    if (!ctx.res.writableFinished) options.abort.abort();
  });
  ctx.status = 200;
  ctx.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  ctx.body = out;
  const scope = { model: options.model, includeUsage: options.includeUsage, out, log: strapi.log };
  const started = first ?? { type: 'finish' };
  // Not awaited: Koa starts sending the body only once the controller has returned.
  void pump(scope, started, parts, stream);
}
