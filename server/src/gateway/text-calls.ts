import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { Core } from '@strapi/strapi';
import { generateText, streamText } from 'ai';
import type { ServiceType } from '../../../shared/services';
import type { UsageEvent } from '../usage/event';
import { LlmError } from './errors';
import {
  fallbackFor,
  fallbackOptions,
  messagesOf,
  settingsFor,
  type ChatOptions,
  type TextInput,
  type TextResult,
} from './generation';
import { meteredLanguageModel, type LanguageModelScope } from './language-model';
import type { MeterDeps } from './meter';
import { capability, type Prepare, type Prepared } from './prepare';
import { combine } from './results';
import { retrying } from './retry';
import type { CallOptions } from './types';

/**
 * The language-model services (chat, completion, vision, streams, translation through a model):
 * one metered AI SDK model per call, retries here rather than in the SDK, and one fallback hop.
 */
export function createTextCalls(strapi: Core.Strapi, deps: { prepare: Prepare; meter: MeterDeps }) {
  /** A metered model for the call; `prepared` reuses a call prepared already (translate). */
  async function languageModelFor(
    service: ServiceType,
    options: CallOptions,
    events: UsageEvent[],
    budgetFallback?: LanguageModelScope['budgetFallback'],
    prepared?: Prepared
  ) {
    const call = prepared ?? (await deps.prepare(service, options));
    let provider: LanguageModelV3;
    try {
      provider = capability(call, 'languageModel', service)(call.target.model.modelId);
    } catch (error) {
      call.done();
      throw error;
    }
    const model = meteredLanguageModel(provider, {
      deps: deps.meter,
      target: call.target,
      newContext: call.newContext,
      onEvent: (event) => events.push(event),
      callerSignal: options.abortSignal,
      timeoutMs: call.connection.timeoutMs,
      budgetFallback,
    });
    return { ...call, model };
  }

  async function generate(
    service: ServiceType,
    options: ChatOptions,
    input: TextInput,
    prepared?: Prepared
  ): Promise<TextResult> {
    const events: UsageEvent[] = [];
    const call = await languageModelFor(service, options, events, undefined, prepared);
    try {
      // Retries happen here, not in the SDK: the metering middleware turns provider errors into
      // LlmErrors, and each attempt is a metered provider request of its own.
      const result = await retrying(call.connection.maxRetries, call.abortSignal, () =>
        generateText({
          model: call.model,
          ...input,
          ...settingsFor(call.target, options),
          abortSignal: call.abortSignal,
          maxRetries: 0,
        })
      );
      return { text: result.text, finishReason: result.finishReason, usage: combine(events) };
    } catch (error) {
      call.done();
      const next = fallbackFor(error, call.target, options);
      if (!next) throw error;
      const from = call.target.configuration?.id ?? 0;
      strapi.log.warn(
        `llm: ${(error as LlmError).message}; serving from fallback configuration ${next}`
      );
      const served = await generate(
        service,
        fallbackOptions(options, next, from, call.callId),
        input
      );
      return {
        ...served,
        fallbackFrom: { configurationId: from, error: (error as LlmError).message },
      };
    } finally {
      call.done();
    }
  }

  /** A streamed chat turn; `result` settles when the stream has ended and its usage is recorded. */
  async function stream(options: ChatOptions) {
    const events: UsageEvent[] = [];
    let fallbackFrom: TextResult['fallbackFrom'];
    const cleanups: Array<() => void> = [];
    // A refusal (a budget, an open circuit) is only known once the stream starts; the fallback then
    // serves the stream.
    const budgetFallback = async (error: LlmError) => {
      const next = fallbackFor(error, call.target, options);
      // Refusals known before any token: a budget's, or an open circuit's (the provider is skipped).
      if (!['budget_exceeded', 'circuit_open'].includes(error.code) || !next) return null;
      const from = call.target.configuration?.id ?? 0;
      strapi.log.warn(`llm: ${error.message}; streaming from fallback configuration ${next}`);
      const fallback = await languageModelFor(
        'chat',
        fallbackOptions(options, next, from, call.callId),
        events
      );
      cleanups.push(fallback.done);
      fallbackFrom = { configurationId: from, error: error.message };
      return fallback.model;
    };
    const call = await languageModelFor('chat', options, events, budgetFallback);
    cleanups.push(call.done);
    const doneAll = () => cleanups.forEach((cleanup) => cleanup());
    let failure: unknown;
    const streamed = streamText({
      model: call.model,
      ...messagesOf(options),
      ...settingsFor(call.target, options),
      abortSignal: call.abortSignal,
      maxRetries: 0,
      onError: ({ error }) => {
        failure = error;
      },
    });
    const result = (async (): Promise<TextResult> => {
      const [text, finishReason] = await Promise.all([streamed.text, streamed.finishReason]).catch(
        (error) => {
          throw failure ?? error;
        }
      );
      if (failure) throw failure;
      return {
        text,
        finishReason,
        usage: combine(events),
        ...(fallbackFrom ? { fallbackFrom } : {}),
      };
    })();
    // The caller may only read textStream; a rejection nobody awaits must not crash the process.
    result.then(doneAll, doneAll);
    return { textStream: streamed.textStream, fullStream: streamed.fullStream, result };
  }

  return { languageModelFor, generate, stream };
}
