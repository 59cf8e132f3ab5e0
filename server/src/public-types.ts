/**
 * The types an app imports to call the gateway with types:
 *
 *   import type { LlmService, ChatOptions, ChatResult } from 'strapi-plugin-llm';
 *   const llm = strapi.plugin('llm').service('llm') as LlmService;
 *
 * Strapi types `service()` as any, so the cast is where an app gains them. Everything here is a
 * type, except `LlmError`, which the package root also exports as a class (for `instanceof`).
 */
import type llmService from './services/llm';

/** `strapi.plugin('llm').service('llm')`: the metered gateway. */
export type LlmService = ReturnType<typeof llmService>;

export type { CallOptions, EntryRef, RecordRef } from './gateway/types';
export type {
  ChatOptions,
  GenerationSettings,
  TextResult as ChatResult,
  TranslateOptions,
  VisionOptions,
} from './gateway/gateway';
export type { UsageSummary } from './gateway/results';
export type { LlmErrorCode } from './gateway/errors';

type FirstArgument<F> = F extends (options: infer O, ...rest: never[]) => unknown ? O : never;

export type CompleteOptions = FirstArgument<LlmService['complete']>;
export type EmbedOptions = FirstArgument<LlmService['embed']>;
export type ImageOptions = FirstArgument<LlmService['image']>;
export type SpeechOptions = FirstArgument<LlmService['speech']>;
export type TranscribeOptions = FirstArgument<LlmService['transcribe']>;
export type StreamOptions = FirstArgument<LlmService['stream']>;
export type EmbedResult = Awaited<ReturnType<LlmService['embed']>>;
export type TranslateResult = Awaited<ReturnType<LlmService['translate']>>;
