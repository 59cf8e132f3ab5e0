import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { Core } from '@strapi/strapi';
import type { ModelMessage } from 'ai';
import type { UsageEvent } from '../usage/event';
import { LlmError } from './errors';
import {
  messagesOf,
  type ChatOptions,
  type GenerationSettings,
  type VisionOptions,
} from './generation';
import type { MeterDeps } from './meter';
import { createPreparer, type PrepareParts } from './prepare';
import { declaredVariables, renderTemplate } from './template';
import { createTextCalls } from './text-calls';
import type { CallOptions, RecordRef } from './types';
import { createUnitCalls } from './unit-calls';

export type { ChatOptions, GenerationSettings, TextResult, VisionOptions } from './generation';

export interface GatewayParts extends PrepareParts {
  meter: MeterDeps;
}

export type TranslateOptions = CallOptions &
  GenerationSettings & { text: string | string[]; targetLanguage: string; sourceLanguage?: string };

const LANGUAGE_CODE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/** The texts of a translate call, checked: at least one, all strings, and a language code to reach. */
function translationTexts(options: TranslateOptions): string[] {
  const texts = Array.isArray(options.text) ? options.text : [options.text];
  if (texts.length === 0 || texts.some((t) => typeof t !== 'string'))
    throw new LlmError('invalid_request', 'translate needs text');
  if (typeof options.targetLanguage !== 'string' || !LANGUAGE_CODE.test(options.targetLanguage))
    throw new LlmError(
      'invalid_request',
      `targetLanguage must be a language code such as "de" or "en-GB" (got ${JSON.stringify(options.targetLanguage)})`
    );
  return texts;
}

/**
 * The gateway: every LLM call the site makes. Each service prepares its call (target, provider
 * connection, deadline), runs it through the metering path (budget gate → provider → usage event)
 * and answers with what it produced and its usage.
 */
export function createGateway(strapi: Core.Strapi, parts: GatewayParts) {
  const prepare = createPreparer(strapi, parts);
  const text = createTextCalls(strapi, { prepare, meter: parts.meter });
  const units = createUnitCalls({ prepare, meter: parts.meter });

  const gateway = {
    /** A chat turn (messages or a prompt) through the configuration's model. */
    chat: async (options: ChatOptions) => text.generate('chat', options, messagesOf(options)),

    /** A single-prompt completion. */
    complete: async (options: CallOptions & GenerationSettings & { prompt: string }) =>
      text.generate('completion', options, messagesOf(options)),

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
      return text.generate('vision', options, { messages });
    },

    /** A streamed chat turn; `result` settles when the stream has ended and its usage is recorded. */
    stream: text.stream,

    embed: units.embed,

    /**
     * Translation through a provider that translates (DeepL, billed characters) or, for any other
     * provider, the model. The call is prepared once: its target and key serve either path.
     */
    async translate(options: TranslateOptions) {
      const texts = translationTexts(options);
      const prepared = await prepare('translation', options);
      if (prepared.adapter.translate) return units.translateWith(prepared, options, texts);
      const instruction =
        `Translate the following text${options.sourceLanguage ? ` from ${options.sourceLanguage}` : ''} into ${options.targetLanguage}. ` +
        'Answer with the translation only.';
      const result = await text.generate(
        'translation',
        { ...options, system: options.system ?? instruction },
        { prompt: texts.join('\n\n') },
        prepared
      );
      return {
        texts: [result.text],
        text: result.text,
        detectedSourceLanguage: options.sourceLanguage,
        usage: result.usage,
      };
    },

    image: units.image,
    speech: units.speech,
    transcribe: units.transcribe,

    /** Runs a task: renders its prompt template with `variables`, then calls its service. */
    async runTask(
      task: RecordRef,
      variables: Record<string, unknown> = {},
      options: CallOptions = {}
    ) {
      const { task: record } = await parts.resolver.resolve({
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
      const { model, done } = await text.languageModelFor(
        options.service ?? 'chat',
        options,
        events
      );
      // App code brings its own abort signals and timeouts to the SDK.
      done();
      return model;
    },
  };

  return gateway;
}

export type Gateway = ReturnType<typeof createGateway>;
