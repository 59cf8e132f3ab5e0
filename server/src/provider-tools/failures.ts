import { APICallError, JSONParseError, RetryError, TypeValidationError } from 'ai';
import { ProviderHttpError } from '../adapters/list-fetch';
import { LlmError, toLlmError } from '../gateway/errors';
import type { ProviderRecord } from '../gateway/types';
import { OutboundRefusedError } from '../security/outbound';
import { redactProviderMessage } from '../security/redact';

/** One deadline for a whole listing (every page of it) or a whole Test connection. */
export const LIST_DEADLINE_MS = 30_000;

const PROVIDER_ERROR_NAMES = new Set(['TimeoutError', 'AbortError']);

/**
 * Whether an error is the provider's answer (or the lack of one) rather than a fault of the
 * plugin or its database: those are not answers, they go to Strapi's error handler (a 500).
 */
export function isProviderFailure(error: unknown): boolean {
  if (error instanceof LlmError) return error.code !== 'internal_error';
  if (
    error instanceof ProviderHttpError ||
    error instanceof OutboundRefusedError ||
    APICallError.isInstance(error) ||
    RetryError.isInstance(error) ||
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error)
  )
    return true;
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && PROVIDER_ERROR_NAMES.has(name)) return true;
  // undici's network failures: `TypeError: fetch failed` with the socket's error as its cause.
  return error instanceof TypeError && error.message === 'fetch failed';
}

/** The provider's failure as an LlmError whose message carries no key and is at most 300 characters. */
export function providerFailure(
  error: unknown,
  provider: ProviderRecord,
  apiKey?: string
): LlmError {
  const failure = toLlmError(error, `Provider "${provider.name}"`, {
    timeoutMs: Math.min(provider.timeoutMs ?? 60_000, LIST_DEADLINE_MS),
  });
  const redacted = new LlmError(failure.code, redactProviderMessage(failure.message, apiKey), {
    cause: failure,
    providerStatus: failure.providerStatus,
  });
  redacted.requestId = failure.requestId;
  return redacted;
}
