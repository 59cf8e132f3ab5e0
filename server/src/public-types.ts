/**
 * The types an app imports to call the gateway with types:
 *
 *   import type { LlmService, ChatOptions, ChatResult } from 'strapi-plugin-llm';
 *   const llm = strapi.plugin('llm').service('llm') as LlmService;
 *
 * Strapi types `service()` as any, so the cast is where an app gains them. Everything here is a
 * type, except `LlmError` and `BudgetExceededError`, which the package root also exports as
 * classes (for `instanceof`). What is not here is internal and may change in any release.
 */
import type { CallOptions as InternalCallOptions } from './gateway/types';
import type llmService from './services/llm';

type Gateway = ReturnType<typeof llmService>;

/** `strapi.plugin('llm').service('llm')`: the metered gateway (its internal helpers left out). */
export type LlmService = Omit<Gateway, 'target' | 'invalidateCache' | 'circuitSettled'>;

/** What every gateway method takes: which configuration, who it counts for, what it is about. */
export type CallOptions = Omit<InternalCallOptions, 'fallbackFrom' | 'fallbackTrail'>;

export type { EntryRef, RecordRef } from './gateway/types';
export type {
  ChatOptions,
  GenerationSettings,
  TextResult as ChatResult,
  TranslateOptions,
  VisionOptions,
} from './gateway/gateway';
export type { UsageSummary } from './gateway/results';
export type { LlmErrorCode } from './gateway/errors';
export type { BudgetExceededDetails } from './budgets/budget-exceeded';

type FirstArgument<F> = F extends (options: infer O, ...rest: never[]) => unknown ? O : never;
type ResultOf<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type CompleteOptions = FirstArgument<LlmService['complete']>;
export type EmbedOptions = FirstArgument<LlmService['embed']>;
export type ImageOptions = FirstArgument<LlmService['image']>;
export type SpeechOptions = FirstArgument<LlmService['speech']>;
export type TranscribeOptions = FirstArgument<LlmService['transcribe']>;
export type StreamOptions = FirstArgument<LlmService['stream']>;
export type LanguageModelOptions = FirstArgument<LlmService['languageModel']>;

export type EmbedResult = ResultOf<LlmService['embed']>;
export type TranslateResult = ResultOf<LlmService['translate']>;
export type ImageResult = ResultOf<LlmService['image']>;
export type SpeechResult = ResultOf<LlmService['speech']>;
export type TranscribeResult = ResultOf<LlmService['transcribe']>;
export type StreamResult = ResultOf<LlmService['stream']>;
/** A task's result is its service's (a chat task's is a ChatResult): narrow it where you know. */
export type RunTaskResult = ResultOf<LlmService['runTask']>;
