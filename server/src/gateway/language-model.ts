import type {
  LanguageModelV3,
  LanguageModelV3Middleware,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import { performance } from 'node:perf_hooks';
import { LlmError, toLlmError } from './errors';
import { failed, meteredCall, admitRest, usageEvent, type MeterDeps } from './meter';
import { fromLanguageModelUsage, promptToText } from './quantities';
import { contextOf, estimateOf } from './call-shape';
import {
  lookUp,
  recordHit,
  remember,
  replayGenerate,
  replayStream,
  streamCollector,
} from './cached-answers';
import type { CallContext, ResolvedTarget } from './types';
import type { UsageEvent } from '../usage/event';

export interface LanguageModelScope {
  deps: MeterDeps;
  target: ResolvedTarget;
  /** A fresh context (and request id) for each provider call the model makes. */
  newContext: () => CallContext;
  /** Told about every usage row this model writes (the gateway returns them to its caller). */
  onEvent?: (event: UsageEvent) => void;
  /** The caller's own signal, to tell "the caller aborted" from "the provider timed out". */
  callerSignal?: AbortSignal;
  timeoutMs: number;
  /** A model to serve the stream from when a budget refuses it and names a fallback configuration. */
  budgetFallback?: (error: LlmError) => Promise<LanguageModelV3 | null>;
}

const textOf = (content: Array<{ type: string; text?: string }>) =>
  content
    .map((part) => (part.type === 'text' || part.type === 'reasoning' ? (part.text ?? '') : ''))
    .join('');

/** The most a call may produce when the request does not say: budgets reserve it, estimates assume it. */
export const defaultMaxOutputTokens = (target: ResolvedTarget) =>
  target.configuration?.maxOutputTokens ?? target.model.maxOutputTokens ?? 4096;

/**
 * Wraps a provider's AI SDK model so that every generate and stream call it makes is metered:
 * the gateway's own chat/stream/vision calls and models handed out to app code share this path.
 */
export function meteredLanguageModel(
  model: LanguageModelV3,
  scope: LanguageModelScope
): LanguageModelV3 {
  const { deps, target } = scope;

  const middleware: LanguageModelV3Middleware = {
    specificationVersion: 'v3',

    // The output cap is always sent: the budget gate reserved exactly this much output, so the
    // provider must not be free to produce more (app code calling the model directly included).
    async transformParams({ params }) {
      return params.maxOutputTokens === undefined
        ? { ...params, maxOutputTokens: defaultMaxOutputTokens(target) }
        : params;
    },

    async wrapGenerate({ doGenerate, params }) {
      const context = contextOf(scope, params);
      const estimate = () => estimateOf(params, target);
      const cached = await lookUp(deps, target, context, params, estimate);
      if (cached?.hit) {
        scope.onEvent?.(
          await recordHit(deps, target, context, { ...cached, hit: cached.hit }, false)
        );
        return replayGenerate(cached.hit);
      }
      const { value, event } = await meteredCall(
        deps,
        target,
        context,
        estimate,
        async () => {
          const result = await doGenerate();
          const tokens = fromLanguageModelUsage(result.usage, {
            promptText: () => promptToText(params.prompt),
            outputText: () => textOf(result.content as Array<{ type: string; text?: string }>),
          });
          return { value: result, measured: { tokens } };
        },
        { abortSignal: scope.callerSignal, timeoutMs: scope.timeoutMs },
        cached?.access
      );
      scope.onEvent?.(event);
      if (cached) remember(deps, target, cached, value, event);
      return value;
    },

    async wrapStream({ doStream, params }) {
      const context = contextOf(scope, params);
      const estimate = () => estimateOf(params, target);
      const cached = await lookUp(deps, target, context, params, estimate);
      if (cached?.hit) {
        scope.onEvent?.(
          await recordHit(deps, target, context, { ...cached, hit: cached.hit }, true)
        );
        return replayStream(cached.hit);
      }
      const collected = cached ? streamCollector() : null;
      let reservation: Awaited<ReturnType<typeof admitRest>>;
      try {
        reservation = await admitRest(deps, target, context, estimate, cached?.access);
      } catch (refusal) {
        // The refusal is recorded; the fallback model meters its own call.
        const fallback = refusal instanceof LlmError ? await scope.budgetFallback?.(refusal) : null;
        if (!fallback) throw refusal;
        return fallback.doStream(params);
      }
      const started = performance.now();
      const errorContext = () => ({
        abortedByCaller: scope.callerSignal?.aborted,
        timeoutMs: scope.timeoutMs,
      });

      let result: Awaited<ReturnType<typeof doStream>>;
      try {
        result = await doStream();
      } catch (caught) {
        const error = toLlmError(caught, target.provider.name, errorContext());
        await failed(deps, target, context, reservation, error, {
          latencyMs: performance.now() - started,
          measured: { streamed: true },
        });
        throw error;
      }

      let text = '';
      let ttftMs: number | null = null;
      let usage: LanguageModelV3Usage | undefined;
      let streamError: unknown;
      let finished = false;

      const measured = () => ({
        streamed: true,
        ttftMs,
        tokens: fromLanguageModelUsage(usage, {
          promptText: () => promptToText(params.prompt),
          outputText: () => text,
        }),
      });

      // Recorded exactly once: when the stream ends, fails, or the caller walks away from it.
      const finish = async (
        how: 'completed' | 'failed' | 'aborted',
        cause?: unknown
      ): Promise<LlmError | undefined> => {
        if (finished) return undefined;
        finished = true;
        const latencyMs = performance.now() - started;
        if (how === 'completed') {
          const event = usageEvent(deps, target, context, {
            success: true,
            measured: measured(),
            latencyMs,
          });
          deps.record(event);
          scope.onEvent?.(event);
          await reservation.settle(event.costNano, event.inputTokens + event.outputTokens);
          const answer = collected?.answer();
          if (cached && answer) remember(deps, target, cached, answer, event);
          return undefined;
        }
        const error =
          how === 'aborted'
            ? new LlmError(
                'aborted',
                `The stream from ${target.provider.name} was aborted by the caller`,
                { cause }
              )
            : toLlmError(cause, target.provider.name, errorContext());
        // An aborted stream was billed for what it produced; a failed one is not priced.
        const event = await failed(deps, target, context, reservation, error, {
          latencyMs,
          measured: measured(),
          priceAnyway: how === 'aborted',
        });
        scope.onEvent?.(event);
        return error;
      };

      const reader = result.stream.getReader();
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        async pull(controller) {
          let next: Awaited<ReturnType<typeof reader.read>>;
          try {
            next = await reader.read();
          } catch (caught) {
            const error = await finish(scope.callerSignal?.aborted ? 'aborted' : 'failed', caught);
            controller.error(error ?? caught);
            return;
          }
          if (next.done) {
            await finish(streamError === undefined ? 'completed' : 'failed', streamError);
            controller.close();
            return;
          }
          const part = next.value;
          collected?.see(part);
          if (part.type === 'text-delta') {
            if (ttftMs === null) ttftMs = Math.round(performance.now() - started);
            text += part.delta;
          } else if (part.type === 'finish') {
            usage = part.usage;
          } else if (part.type === 'error') {
            streamError = part.error;
          }
          controller.enqueue(part);
        },
        async cancel(reason) {
          await finish('aborted', reason);
          await reader.cancel(reason);
        },
      });
      return { ...result, stream };
    },
  };

  return wrapLanguageModel({ model, middleware });
}
