import { encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import type { MeteredQuantities } from '../pricing/cost';

/** Token counts as a language model reported them, plus whether we had to count them ourselves. */
export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  estimated: boolean;
}

/** More tokens than any model takes or gives in one call: a count above it is a provider bug, not usage. */
export const MAX_TOKENS_PER_CALL = 100_000_000;

/** Provider counts are trusted only when they are what counts are: finite, whole, not negative, plausible. */
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_TOKENS_PER_CALL ? Math.floor(value) : undefined;

/** Tokens in a text with the o200k tokenizer: the fallback when a provider reports none. */
export const countTokens = (text: string): number => (text ? encode(text).length : 0);

/**
 * Reads the AI SDK's provider-level usage (LanguageModelV3Usage: inputTokens.total includes cache
 * reads and writes for every provider, the SDK normalises Anthropic's convention). Missing counts are
 * filled by counting the prompt and the answer, and the result is marked estimated.
 */
export function fromLanguageModelUsage(
  usage: { inputTokens?: { total?: number; cacheRead?: number; cacheWrite?: number }; outputTokens?: { total?: number; reasoning?: number } } | undefined,
  fallback: { promptText: () => string; outputText: () => string }
): TokenCounts {
  const input = count(usage?.inputTokens?.total);
  const output = count(usage?.outputTokens?.total);
  const estimated = input === undefined || output === undefined;
  return {
    inputTokens: input ?? countTokens(fallback.promptText()),
    outputTokens: output ?? countTokens(fallback.outputText()),
    cacheReadTokens: count(usage?.inputTokens?.cacheRead) ?? 0,
    cacheWriteTokens: count(usage?.inputTokens?.cacheWrite) ?? 0,
    reasoningTokens: count(usage?.outputTokens?.reasoning) ?? 0,
    estimated,
  };
}

export const tokenQuantities = (tokens: TokenCounts): MeteredQuantities => ({
  inputTokens: tokens.inputTokens,
  outputTokens: tokens.outputTokens,
  cacheReadTokens: tokens.cacheReadTokens,
  cacheWriteTokens: tokens.cacheWriteTokens,
  images: 0,
  characters: 0,
  seconds: 0,
});

/** The text of a language-model prompt (system, user and assistant parts), for counting. */
export function promptToText(prompt: Array<{ content: unknown }>): string {
  const parts: string[] = [];
  for (const message of prompt) {
    if (typeof message.content === 'string') parts.push(message.content);
    else if (Array.isArray(message.content)) {
      for (const part of message.content) if (part && typeof part === 'object' && 'text' in part) parts.push(String(part.text));
    }
  }
  return parts.join('\n');
}
