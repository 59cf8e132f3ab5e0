import type { SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { ModelMessage } from 'ai';
import { LlmError } from './errors';
import { defaultMaxOutputTokens } from './language-model';
import type { UsageSummary } from './results';
import type { CallOptions, ResolvedTarget } from './types';

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

export type TextInput = { messages: ModelMessage[] } | { prompt: string };

export interface TextResult {
  text: string;
  finishReason: string;
  usage: UsageSummary;
  /** Present when the call was served by the configuration's fallback after the primary failed. */
  fallbackFrom?: { configurationId: number; error: string };
}

/** Provider failures worth retrying on the fallback configuration (not the caller's own mistakes). */
const FALLBACK_CODES = new Set([
  'provider_error',
  'provider_timeout',
  'provider_unreachable',
  'provider_malformed_response',
]);

/** The call's settings over the configuration's: what the caller passes wins. */
export function settingsFor(target: ResolvedTarget, options: GenerationSettings) {
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
    // Passed through as given: each provider's SDK validates its own options.
    providerOptions: (options.providerOptions ?? providerOptions) as
      SharedV3ProviderOptions | undefined,
  };
}

export function messagesOf(options: ChatOptions): TextInput {
  if (options.messages && options.messages.length > 0) return { messages: options.messages };
  if (typeof options.prompt === 'string' && options.prompt.length > 0)
    return { prompt: options.prompt };
  throw new LlmError('invalid_request', 'A chat call needs messages or a prompt');
}

/**
 * The configuration to serve a failed call from: a budget's fallback (the refusal carries it) or,
 * on a provider failure, the configuration's own. One hop only: a fallback that fails too is the
 * caller's error.
 */
export function fallbackFor(
  error: unknown,
  target: ResolvedTarget,
  options: CallOptions
): number | null {
  if (!(error instanceof LlmError) || options.abortSignal?.aborted) return null;
  if (options.fallbackFrom !== undefined) return null;
  if (error.code === 'budget_exceeded') return error.fallbackConfigurationId ?? null;
  if (FALLBACK_CODES.has(error.code)) return target.configuration?.fallback?.id ?? null;
  return null;
}
