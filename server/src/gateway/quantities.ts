// The package root is the o200k_base encoding, for both require and import (a /cjs/ path is not).
import { encode } from 'gpt-tokenizer';
import type { TokenCounts } from '../pricing/quantities';

/** More tokens than any model takes or gives in one call: a count above it is a provider bug, not usage. */
export const MAX_TOKENS_PER_CALL = 100_000_000;

/** Provider counts are trusted only when they are what counts are: finite, whole, not negative, plausible. */
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_TOKENS_PER_CALL
    ? Math.floor(value)
    : undefined;

/** Tokens in a text with the o200k tokenizer: the fallback when a provider reports none. */
export const countTokens = (text: string): number => (text ? encode(text).length : 0);

/**
 * Reads the AI SDK's provider-level usage (LanguageModelV3Usage: inputTokens.total includes cache
 * reads and writes for every provider, the SDK normalises Anthropic's convention). Missing counts are
 * filled by counting the prompt and the answer, and the result is marked estimated.
 */
export function fromLanguageModelUsage(
  usage:
    | {
        inputTokens?: { total?: number; cacheRead?: number; cacheWrite?: number };
        outputTokens?: { total?: number; reasoning?: number };
      }
    | undefined,
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

/** The text of a language-model prompt (system, user and assistant parts), for counting. */
export function promptToText(prompt: Array<{ content: unknown }>): string {
  const parts: string[] = [];
  for (const message of prompt) {
    if (typeof message.content === 'string') parts.push(message.content);
    else if (Array.isArray(message.content)) {
      for (const part of message.content)
        if (part && typeof part === 'object' && 'text' in part) parts.push(String(part.text));
    }
  }
  return parts.join('\n');
}

/**
 * Framing a provider may add per message (role markers, separators) and per request (start
 * tokens, hidden instructions): counted generously, since the bound must never be too low.
 */
const MESSAGE_FRAMING_TOKENS = 64;
const REQUEST_FRAMING_TOKENS = 256;
/**
 * An image or file part has no text to measure. Providers count a few hundred to about 1,600
 * tokens for an image at their largest size; 8,192 covers every current one with room to spare.
 * A file (a PDF) is bounded by its size in bytes when that is larger.
 */
const MEDIA_PART_TOKENS = 8192;

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const jsonBytes = (value: unknown) =>
  value === undefined ? 0 : utf8Bytes(JSON.stringify(value) ?? '');

function partBound(part: unknown): number {
  if (typeof part === 'string') return utf8Bytes(part);
  if (!part || typeof part !== 'object') return 0;
  const piece = part as {
    type?: string;
    text?: unknown;
    data?: unknown;
    input?: unknown;
    output?: unknown;
  };
  if (typeof piece.text === 'string') return utf8Bytes(piece.text);
  if (piece.type === 'image') return MEDIA_PART_TOKENS;
  if (piece.type === 'file') {
    const size =
      typeof piece.data === 'string'
        ? utf8Bytes(piece.data)
        : piece.data instanceof Uint8Array
          ? piece.data.byteLength
          : 0;
    return Math.max(MEDIA_PART_TOKENS, size);
  }
  if (piece.type === 'tool-call') return jsonBytes(piece.input);
  if (piece.type === 'tool-result') return jsonBytes(piece.output);
  return jsonBytes(part);
}

/**
 * The most prompt tokens any provider may count for this prompt. Every byte-level BPE tokenizer
 * (OpenAI, Anthropic, Llama, Mistral's tekken) and every SentencePiece tokenizer with byte fallback
 * (Gemini) turns n bytes of UTF-8 into at most n tokens, so text is bounded by its UTF-8 length;
 * framing and media parts add the generous constants above; tool definitions count as their JSON.
 */
export function promptTokenBound(prompt: Array<{ content: unknown }>, tools?: unknown): number {
  let bound = REQUEST_FRAMING_TOKENS + jsonBytes(tools);
  for (const message of prompt) {
    bound += MESSAGE_FRAMING_TOKENS;
    const content = message.content;
    if (Array.isArray(content)) for (const part of content) bound += partBound(part);
    else bound += partBound(content);
  }
  return bound;
}

/** The most tokens any provider may count for texts sent as they are (embeddings). */
export const textsTokenBound = (texts: string[]): number =>
  REQUEST_FRAMING_TOKENS +
  texts.reduce((sum, text) => sum + MESSAGE_FRAMING_TOKENS + utf8Bytes(text), 0);
