import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { Core } from '@strapi/strapi';
import {
  embedMany,
  experimental_generateSpeech as generateSpeech,
  experimental_transcribe as transcribeAudio,
  generateImage,
  generateText,
  streamText,
  type ModelMessage,
} from 'ai';
import type { ServiceType } from '../../../shared/services';
import type { AdapterRegistry } from '../adapters/registry';
import type { ProviderAdapter, ProviderConnection } from '../adapters/types';
import type { UsageEvent } from '../usage/event';
import { createConnections, type ConnectionParts } from './connection';
import { callContext } from './context';
import { LlmError } from './errors';
import {
  defaultMaxOutputTokens,
  meteredLanguageModel,
  type LanguageModelScope,
} from './language-model';
import type { CallEstimate } from './budget-seam';
import { meteredCall, type Measured, type MeterDeps } from './meter';
import { countTokens, textsTokenBound } from './quantities';
import type { Resolver } from './resolve';
import { combine, summarize, type UsageSummary } from './results';
import { retrying } from './retry';
import { declaredVariables, renderTemplate } from './template';
import { BudgetExceededError } from '../budgets/budget-exceeded';
import type { CallContext, CallOptions, RecordRef, ResolvedTarget } from './types';

export interface GenerationSettings {
  system?: string;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  providerOptions?: Record<string, Record<string, unknown>>;
}

export type ChatOptions = CallOptions &
  GenerationSettings & { messages?: ModelMessage[]; prompt?: string };
export type VisionOptions = CallOptions &
  GenerationSettings & { prompt: string; images: Array<string | URL | Uint8Array> };

export interface TextResult {
  text: string;
  finishReason: string;
  usage: UsageSummary;
  /** Present when the call was served by the configuration's fallback after the primary failed. */
  fallbackFrom?: { configurationId: number; error: string };
}

export interface GatewayParts {
  resolver: Resolver;
  adapters: AdapterRegistry;
  meter: MeterDeps;
  /** Secret that decrypts stored API keys (plugin config, else the admin's encryption key). */
  secret: ConnectionParts['secret'];
  /** Allowed key variables and outbound destinations (plugin config `security`). */
  security: ConnectionParts['security'];
  /** The plugin's "now": each call is stamped with it (and counted in the budget windows it gives). */
  now: () => Date;
}

/** Provider failures worth retrying on the fallback configuration (not the caller's own mistakes). */
const FALLBACK_CODES = new Set([
  'provider_error',
  'provider_timeout',
  'provider_unreachable',
  'provider_malformed_response',
]);

export function createGateway(strapi: Core.Strapi, parts: GatewayParts) {
  const { resolver, adapters, meter } = parts;

  const connectionFor = createConnections(parts);

  function adapterFor(target: ResolvedTarget): {
    adapter: ProviderAdapter;
    connection: ProviderConnection;
  } {
    const connection = connectionFor(target.provider);
    const version = String(target.provider.updatedAt ?? '');
    try {
      return { adapter: adapters.forConnection(connection, version), connection };
    } catch (error) {
      throw new LlmError('invalid_request', (error as Error).message, { cause: error });
    }
  }

  function capability<K extends keyof ProviderAdapter>(
    adapter: ProviderAdapter,
    key: K,
    target: ResolvedTarget,
    service: ServiceType
  ) {
    const fn = adapter[key];
    if (!fn) {
      throw new LlmError(
        'unsupported_service',
        `Provider "${target.provider.name}" (${target.provider.adapter}) does not offer ${service}`
      );
    }
    return fn as NonNullable<ProviderAdapter[K]>;
  }

  /** Everything a call needs before it runs: where it goes, who makes it, how long it may take. */
  async function prepare(service: ServiceType, options: CallOptions) {
    const base = callContext(strapi, service, options, parts.now());
    const target = await resolver.resolve(options);
    const { adapter, connection } = adapterFor(target);
    // One timer per call, cleared when the call ends (AbortSignal.timeout would keep every call's
    // signal and timer alive for the whole timeout).
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException('The provider did not answer in time', 'TimeoutError')),
      connection.timeoutMs
    );
    const abortSignal = options.abortSignal
      ? AbortSignal.any([options.abortSignal, deadline.signal])
      : deadline.signal;
    const done = () => clearTimeout(timer);
    let first = true;
    // The first provider request keeps the context made above; later ones (tool steps) get their own id.
    const newContext = (): CallContext => {
      if (first) {
        first = false;
        return { ...base, startedAt: parts.now() };
      }
      return callContext(strapi, service, options, parts.now());
    };
    return { target, adapter, connection, abortSignal, newContext, base, done };
  }

  function settingsFor(target: ResolvedTarget, options: GenerationSettings) {
    const configuration = target.configuration;
    const providerOptions = (
      configuration?.settings as { providerOptions?: GenerationSettings['providerOptions'] } | null
    )?.providerOptions;
    return {
      system: options.system ?? configuration?.systemPrompt ?? undefined,
      // Always a cap: the budget gate reserves this much output, and the provider must not produce more.
      maxOutputTokens: options.maxOutputTokens ?? defaultMaxOutputTokens(target),
      temperature: options.temperature ?? configuration?.temperature ?? undefined,
      topP: options.topP ?? configuration?.topP ?? undefined,
      providerOptions: (options.providerOptions ?? providerOptions) as any,
    };
  }

  async function languageModelFor(
    service: ServiceType,
    options: CallOptions,
    events: UsageEvent[],
    budgetFallback?: LanguageModelScope['budgetFallback']
  ) {
    const prepared = await prepare(service, options);
    const model = meteredLanguageModel(
      capability(
        prepared.adapter,
        'languageModel',
        prepared.target,
        service
      )(prepared.target.model.modelId),
      {
        deps: meter,
        target: prepared.target,
        newContext: prepared.newContext,
        onEvent: (event) => events.push(event),
        callerSignal: options.abortSignal,
        timeoutMs: prepared.connection.timeoutMs,
        budgetFallback,
      }
    );
    return { ...prepared, model };
  }

  /** prepare → meteredCall → clear the deadline: the shape of every non-language-model service. */
  async function runMetered<T>(
    service: ServiceType,
    options: CallOptions,
    estimate: () => CallEstimate,
    perform: (
      prepared: Awaited<ReturnType<typeof prepare>>
    ) => Promise<{ value: T; measured: Measured }>
  ) {
    const prepared = await prepare(service, options);
    try {
      return await retrying(prepared.connection.maxRetries, prepared.abortSignal, () =>
        meteredCall(
          meter,
          prepared.target,
          prepared.newContext(),
          estimate,
          () => perform(prepared),
          {
            abortSignal: options.abortSignal,
            timeoutMs: prepared.connection.timeoutMs,
          }
        )
      );
    } finally {
      prepared.done();
    }
  }

  function messagesOf(options: ChatOptions): { messages: ModelMessage[] } | { prompt: string } {
    if (options.messages && options.messages.length > 0) return { messages: options.messages };
    if (typeof options.prompt === 'string' && options.prompt.length > 0)
      return { prompt: options.prompt };
    throw new LlmError('invalid_request', 'A chat call needs messages or a prompt');
  }

  async function generate(
    service: ServiceType,
    options: ChatOptions,
    input: { messages: ModelMessage[] } | { prompt: string }
  ): Promise<TextResult> {
    const events: UsageEvent[] = [];
    const { model, target, abortSignal, connection, done } = await languageModelFor(
      service,
      options,
      events
    );
    try {
      // Retries happen here, not in the SDK: the metering middleware turns provider errors into
      // LlmErrors, and each attempt is a metered provider request of its own.
      const result = await retrying(connection.maxRetries, abortSignal, () =>
        generateText({
          model,
          ...input,
          ...settingsFor(target, options),
          abortSignal,
          maxRetries: 0,
        })
      );
      return { text: result.text, finishReason: result.finishReason, usage: combine(events) };
    } catch (error) {
      done();
      const next = fallbackFor(error, target, options);
      if (!next) throw error;
      const from = target.configuration?.id;
      strapi.log.warn(
        `llm: ${(error as LlmError).message}; serving from fallback configuration ${next}`
      );
      const served = await generate(
        service,
        { ...options, task: options.task, configuration: next, fallbackFrom: from ?? 0 },
        input
      );
      return {
        ...served,
        fallbackFrom: { configurationId: from ?? 0, error: (error as LlmError).message },
      };
    } finally {
      done();
    }
  }

  /** The configuration to serve a failed call from: its own fallback (provider failure) or a budget's. */
  function fallbackFor(
    error: unknown,
    target: ResolvedTarget,
    options: ChatOptions
  ): number | null {
    if (!(error instanceof LlmError) || options.abortSignal?.aborted) return null;
    // One hop only: a fallback that fails too is the caller's error.
    if (options.fallbackFrom !== undefined) return null;
    if (error instanceof BudgetExceededError) return error.details.fallbackConfigurationId ?? null;
    if (FALLBACK_CODES.has(error.code)) return target.configuration?.fallback?.id ?? null;
    return null;
  }

  const gateway = {
    /** A chat turn (messages or a prompt) through the configuration's model. */
    chat: async (options: ChatOptions) => generate('chat', options, messagesOf(options)),

    /** A single-prompt completion. */
    complete: async (options: CallOptions & GenerationSettings & { prompt: string }) =>
      generate('completion', options, messagesOf(options)),

    /** A prompt about one or more images (URLs, data URLs or bytes). */
    async vision(options: VisionOptions) {
      if (!Array.isArray(options.images) || options.images.length === 0)
        throw new LlmError('invalid_request', 'vision needs at least one image');
      const messages: ModelMessage[] = [
        {
          role: 'user',
          content: [
            { type: 'text', text: options.prompt },
            ...options.images.map((image) => ({ type: 'image' as const, image })),
          ],
        },
      ];
      return generate('vision', options, { messages });
    },

    /** A streamed chat turn; `result` settles when the stream has ended and its usage is recorded. */
    async stream(options: ChatOptions) {
      const events: UsageEvent[] = [];
      let fallbackFrom: TextResult['fallbackFrom'];
      const cleanups: Array<() => void> = [];
      // A budget refusal is only known once the stream starts; its fallback then serves the stream.
      const budgetFallback = async (error: LlmError) => {
        const next = fallbackFor(error, target, options);
        if (!(error instanceof BudgetExceededError) || !next) return null;
        const from = target.configuration?.id ?? 0;
        strapi.log.warn(`llm: ${error.message}; streaming from fallback configuration ${next}`);
        const fallback = await languageModelFor(
          'chat',
          { ...options, configuration: next, fallbackFrom: from },
          events
        );
        cleanups.push(fallback.done);
        fallbackFrom = { configurationId: from, error: error.message };
        return fallback.model;
      };
      const { model, target, abortSignal, done } = await languageModelFor(
        'chat',
        options,
        events,
        budgetFallback
      );
      cleanups.push(done);
      const doneAll = () => cleanups.forEach((cleanup) => cleanup());
      let failure: unknown;
      const streamed = streamText({
        model,
        ...messagesOf(options),
        ...settingsFor(target, options),
        abortSignal,
        maxRetries: 0,
        onError: ({ error }) => {
          failure = error;
        },
      });
      const result = (async (): Promise<TextResult> => {
        const [text, finishReason] = await Promise.all([
          streamed.text,
          streamed.finishReason,
        ]).catch((error) => {
          throw failure ?? error;
        });
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
    },

    /** Embeddings for one or more texts. */
    async embed(options: CallOptions & { values: string[] }) {
      if (!Array.isArray(options.values) || options.values.some((v) => typeof v !== 'string')) {
        throw new LlmError('invalid_request', 'embed needs values: an array of strings');
      }
      const estimate = () => ({
        inputTokensBound: textsTokenBound(options.values),
        maxOutputTokens: 0,
        units: 0,
      });
      const { value, event } = await runMetered(
        'embedding',
        options,
        estimate,
        async ({ target, adapter, abortSignal }) => {
          const embeddingModel = capability(
            adapter,
            'embeddingModel',
            target,
            'embedding'
          )(target.model.modelId);
          const result = await embedMany({
            model: embeddingModel,
            values: options.values,
            abortSignal,
            maxRetries: 0,
          });
          const reported = result.usage?.tokens;
          const tokens =
            typeof reported === 'number' && Number.isFinite(reported) && reported >= 0
              ? reported
              : undefined;
          const counts = {
            inputTokens: tokens ?? countTokens(options.values.join('\n')),
            outputTokens: 0,
            cacheReadTokens: 0,
            cacheWriteTokens: 0,
            reasoningTokens: 0,
          };
          return {
            value: result.embeddings,
            measured: { tokens: { ...counts, estimated: tokens === undefined } },
          };
        }
      );
      return { embeddings: value, usage: summarize(event) };
    },

    /** Translation through DeepL (billed characters) or, for any other provider, the model. */
    async translate(
      options: CallOptions &
        GenerationSettings & {
          text: string | string[];
          targetLanguage: string;
          sourceLanguage?: string;
        }
    ) {
      const texts = Array.isArray(options.text) ? options.text : [options.text];
      if (texts.length === 0 || texts.some((t) => typeof t !== 'string'))
        throw new LlmError('invalid_request', 'translate needs text');
      if (
        typeof options.targetLanguage !== 'string' ||
        !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(options.targetLanguage)
      ) {
        throw new LlmError(
          'invalid_request',
          `targetLanguage must be a language code such as "de" or "en-GB" (got ${JSON.stringify(options.targetLanguage)})`
        );
      }
      const resolved = await resolver.resolve(options);
      if (adapterFor(resolved).adapter.translate) {
        const characters = texts.reduce((sum, t) => sum + t.length, 0);
        const { value, event } = await runMetered(
          'translation',
          options,
          () => ({ inputTokensBound: 0, maxOutputTokens: 0, units: characters }),
          async ({ adapter, abortSignal }) => {
            const out = await adapter.translate!({
              texts,
              targetLanguage: options.targetLanguage,
              sourceLanguage: options.sourceLanguage,
              abortSignal,
            });
            return { value: out, measured: { units: out.billedCharacters || characters } };
          }
        );
        return {
          texts: value.texts,
          text: value.texts.join('\n'),
          detectedSourceLanguage: value.detectedSourceLanguage,
          usage: summarize(event),
        };
      }
      const instruction =
        `Translate the following text${options.sourceLanguage ? ` from ${options.sourceLanguage}` : ''} into ${options.targetLanguage}. ` +
        'Answer with the translation only.';
      const result = await generate(
        'translation',
        { ...options, system: options.system ?? instruction },
        { prompt: texts.join('\n\n') }
      );
      return {
        texts: [result.text],
        text: result.text,
        detectedSourceLanguage: options.sourceLanguage,
        usage: result.usage,
      };
    },

    /** Image generation; priced per image. */
    async image(
      options: CallOptions & { prompt: string; n?: number; size?: `${number}x${number}` }
    ) {
      const n = options.n ?? 1;
      if (!Number.isInteger(n) || n < 1 || n > 10)
        throw new LlmError('invalid_request', 'n must be a whole number from 1 to 10');
      const { value, event } = await runMetered(
        'image',
        options,
        () => ({ inputTokensBound: 0, maxOutputTokens: 0, units: n }),
        async ({ target, adapter, abortSignal }) => {
          const imageModel = capability(
            adapter,
            'imageModel',
            target,
            'image'
          )(target.model.modelId);
          const result = await generateImage({
            model: imageModel,
            prompt: options.prompt,
            n,
            size: options.size,
            abortSignal,
            maxRetries: 0,
          });
          return { value: result.images, measured: { units: result.images.length } };
        }
      );
      return {
        images: value.map((image) => ({ base64: image.base64, mediaType: image.mediaType })),
        usage: summarize(event),
      };
    },

    /** Text to speech; priced per character of input. */
    async speech(options: CallOptions & { text: string; voice?: string; outputFormat?: string }) {
      if (typeof options.text !== 'string' || options.text.length === 0)
        throw new LlmError('invalid_request', 'speech needs text');
      const characters = options.text.length;
      const { value, event } = await runMetered(
        'speech',
        options,
        () => ({ inputTokensBound: 0, maxOutputTokens: 0, units: characters }),
        async ({ target, adapter, abortSignal }) => {
          const speechModel = capability(
            adapter,
            'speechModel',
            target,
            'speech'
          )(target.model.modelId);
          const { voice, outputFormat } = options;
          const result = await generateSpeech({
            model: speechModel,
            text: options.text,
            voice,
            outputFormat,
            abortSignal,
            maxRetries: 0,
          });
          return { value: result.audio, measured: { units: characters } };
        }
      );
      return { audio: value.uint8Array, mediaType: value.mediaType, usage: summarize(event) };
    },

    /** Speech to text; priced per second of audio (as the provider reports the duration). */
    async transcribe(options: CallOptions & { audio: Uint8Array; mediaType?: string }) {
      if (!(options.audio instanceof Uint8Array) || options.audio.length === 0)
        throw new LlmError('invalid_request', 'transcribe needs audio bytes');
      // The duration is known only afterwards: bound it by the bytes, at a bitrate lower than any speech codec's (4 kbit/s).
      const secondsBound = Math.ceil(options.audio.length / 500);
      const { value, event } = await runMetered(
        'transcription',
        options,
        () => ({ inputTokensBound: 0, maxOutputTokens: 0, units: secondsBound }),
        async ({ target, adapter, abortSignal }) => {
          const transcriptionModel = capability(
            adapter,
            'transcriptionModel',
            target,
            'transcription'
          )(target.model.modelId);
          const result = await transcribeAudio({
            model: transcriptionModel,
            audio: options.audio,
            abortSignal,
            maxRetries: 0,
          });
          const seconds = result.durationInSeconds;
          return {
            value: result,
            measured: { units: seconds === undefined ? undefined : Math.ceil(seconds) },
          };
        }
      );
      return {
        text: value.text,
        durationSeconds: value.durationInSeconds ?? null,
        usage: summarize(event),
      };
    },

    /** Runs a task: renders its prompt template with `variables`, then calls its service. */
    async runTask(
      task: RecordRef,
      variables: Record<string, unknown> = {},
      options: CallOptions = {}
    ) {
      const { task: record } = await resolver.resolve({
        task,
        configuration: options.configuration,
      });
      if (!record) throw new LlmError('not_found', `No LLM task ${JSON.stringify(task)}`);
      const prompt = renderTemplate(
        record.promptTemplate,
        variables,
        declaredVariables(record.variables)
      );
      const call = { ...options, task: record.id };
      switch (record.service) {
        case 'chat':
          return gateway.chat({ ...call, prompt });
        case 'completion':
          return gateway.complete({ ...call, prompt });
        case 'vision':
          return gateway.vision({ ...call, prompt, images: (variables.images as string[]) ?? [] });
        case 'translation':
          return gateway.translate({
            ...call,
            text: prompt,
            targetLanguage: String(variables.targetLanguage ?? ''),
            sourceLanguage: variables.sourceLanguage as string | undefined,
          });
        case 'embedding':
          return gateway.embed({ ...call, values: [prompt] });
        case 'image':
          return gateway.image({ ...call, prompt });
        case 'speech':
          return gateway.speech({ ...call, text: prompt });
        default:
          throw new LlmError(
            'unsupported_service',
            `Tasks of service "${record.service}" cannot be run from a template`
          );
      }
    },

    /**
     * An AI SDK language model for app code that wants the SDK directly (tools, structured output):
     * every request it makes is metered and attributed like the gateway's own.
     */
    async languageModel(
      options: CallOptions & { service?: 'chat' | 'completion' | 'vision' } = {}
    ): Promise<LanguageModelV3> {
      const events: UsageEvent[] = [];
      const { model, done } = await languageModelFor(options.service ?? 'chat', options, events);
      // App code brings its own abort signals and timeouts to the SDK.
      done();
      return model;
    },
  };

  return gateway;
}

export type Gateway = ReturnType<typeof createGateway>;
