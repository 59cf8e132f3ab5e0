import type { SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { ModelMessage } from 'ai';
import { LlmError } from './errors';
import { defaultMaxOutputTokens } from './language-model';
import { isProviderDown } from './retry';
import type { UsageSummary } from './results';
import type { CallOptions, ResolvedTarget } from './types';

export interface GenerationSettings {
  system?: string;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  /** Passed to the provider as given (the OpenAI-compatible endpoint's stop, seed and penalties). */
  stopSequences?: string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  /** The caller's messages may carry system messages (the OpenAI-compatible endpoint's clients). */
  allowSystemInMessages?: boolean;
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

/**
 * Whether another configuration may serve what this one could not: the provider is down (no
 * answer, 5xx or 408), its answer was unreadable, or its circuit is open. Not the caller's own
 * mistakes (400, a prompt too long), a wrong key or the provider's rate limit: another hop would
 * fail the same way, or spend elsewhere what a limit meant to stop.
 */
const worthAnotherConfiguration = (error: LlmError) =>
  error.code === 'circuit_open' ||
  error.code === 'provider_malformed_response' ||
  isProviderDown(error);

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
    stopSequences: options.stopSequences,
    seed: options.seed,
    frequencyPenalty: options.frequencyPenalty,
    presencePenalty: options.presencePenalty,
    allowSystemInMessages: options.allowSystemInMessages,
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

/** At most this many fallbacks serve one call, however long the chain. */
export const MAX_FALLBACK_HOPS = 4;

/**
 * The configuration to serve a failed call from: a budget's fallback (the refusal carries it) or,
 * on a provider failure or an open circuit, the configuration's own. Fallbacks chain (A → B → C:
 * each configuration names the next), up to MAX_FALLBACK_HOPS, never to a configuration the call
 * already tried (a loop that slipped past the check on save ends here).
 */
export function fallbackFor(
  error: unknown,
  target: ResolvedTarget,
  options: CallOptions
): number | null {
  if (!(error instanceof LlmError) || options.abortSignal?.aborted) return null;
  const next =
    error.code === 'budget_exceeded'
      ? (error.fallbackConfigurationId ?? null)
      : worthAnotherConfiguration(error)
        ? (target.configuration?.fallback?.id ?? null)
        : null;
  const tried = [...(options.fallbackTrail ?? []), target.configuration?.id];
  if (next === null || tried.includes(next) || tried.length > MAX_FALLBACK_HOPS) return null;
  return next;
}

/** The options a fallback is called with: where it comes from, and every configuration tried. */
export const fallbackOptions = <O extends CallOptions>(
  options: O,
  next: number,
  from: number,
  callId: string
): O => ({
  ...options,
  configuration: next,
  fallbackFrom: from,
  fallbackTrail: [...(options.fallbackTrail ?? []), from],
  attemptOf: callId,
});
