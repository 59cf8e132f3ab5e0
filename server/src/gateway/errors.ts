import { APICallError, JSONParseError, RetryError, TypeValidationError } from 'ai';

export type LlmErrorCode =
  | 'invalid_request'
  | 'not_found'
  | 'inactive'
  | 'unsupported_service'
  | 'budget_exceeded'
  | 'rate_limit_exceeded'
  | 'not_allowed'
  | 'circuit_open'
  | 'provider_error'
  | 'provider_timeout'
  | 'provider_unreachable'
  | 'provider_malformed_response'
  | 'response_too_large'
  | 'aborted'
  | 'internal_error';

/** HTTP status an admin or content-API route answers for each code. */
const HTTP_STATUS: Record<LlmErrorCode, number> = {
  invalid_request: 400,
  not_found: 404,
  inactive: 409,
  unsupported_service: 400,
  budget_exceeded: 429,
  rate_limit_exceeded: 429,
  not_allowed: 403,
  circuit_open: 503,
  provider_error: 502,
  provider_timeout: 504,
  provider_unreachable: 502,
  provider_malformed_response: 502,
  response_too_large: 502,
  aborted: 499,
  internal_error: 500,
};

/** The one error type the gateway throws: a stable `code`, a message a person can act on. */
export class LlmError extends Error {
  readonly code: LlmErrorCode;
  readonly status: number;
  /** The provider's HTTP status, when it answered with one. */
  readonly providerStatus?: number;
  /** The usage row's request id, when the failed call was recorded. */
  requestId?: string;
  /**
   * The message is about the caller's own input and may be shown to any caller (content API
   * included). Other messages name providers, hosts, variables or budgets: admins only.
   */
  readonly exposable: boolean;
  /** A configuration the call may be served from instead (a budget that falls back rather than blocks). */
  readonly fallbackConfigurationId?: number;
  /** Seconds until a refused call may be tried again (a rate limit): the `Retry-After` header. */
  readonly retryAfterSeconds?: number;

  constructor(
    code: LlmErrorCode,
    message: string,
    options: {
      cause?: unknown;
      providerStatus?: number;
      exposable?: boolean;
      fallbackConfigurationId?: number;
      retryAfterSeconds?: number;
    } = {}
  ) {
    super(message, { cause: options.cause });
    this.name = 'LlmError';
    this.code = code;
    this.status = HTTP_STATUS[code];
    this.providerStatus = options.providerStatus;
    this.exposable = options.exposable ?? false;
    this.fallbackConfigurationId = options.fallbackConfigurationId;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** What a content-API caller is told for each code, unless the message is about their own input. */
export const PUBLIC_MESSAGES: Record<LlmErrorCode, string> = {
  invalid_request: 'The request cannot be served',
  not_found: 'Not found',
  inactive: 'This is not available right now',
  unsupported_service: 'This cannot be run',
  budget_exceeded: 'The AI budget for this request is used up',
  rate_limit_exceeded: 'Too many AI requests: try again later',
  not_allowed: 'This AI feature is not allowed for you',
  circuit_open: 'The AI provider is unavailable right now: try again later',
  provider_error: 'The AI provider could not answer',
  provider_timeout: 'The AI provider did not answer in time',
  provider_unreachable: 'The AI provider could not be reached',
  provider_malformed_response: 'The AI provider sent an answer that could not be read',
  response_too_large: 'The AI provider sent an answer too large to read',
  aborted: 'The request was aborted',
  internal_error: 'Something went wrong',
};

// By name, not instanceof: a DOMException from fetch may come from another realm.
const nameOf = (error: unknown) => (error as { name?: unknown } | null)?.name;
const isTimeout = (error: unknown): boolean => nameOf(error) === 'TimeoutError';
const isAbort = (error: unknown): boolean => nameOf(error) === 'AbortError';
const isParseFailure = (error: unknown): boolean =>
  JSONParseError.isInstance(error) || TypeValidationError.isInstance(error);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'ETIMEDOUT',
]);

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** An AI SDK HTTP call that failed: timeout, unparseable answer, no answer, or an HTTP error. */
function fromApiCall(
  inner: APICallError,
  providerName: string,
  error: unknown,
  timeoutMs?: number
) {
  if (isTimeout(inner.cause))
    return new LlmError(
      'provider_timeout',
      `${providerName} did not answer within ${timeoutMs ?? '?'} ms`,
      { cause: error }
    );
  if (isParseFailure(inner.cause) || (inner.statusCode !== undefined && inner.statusCode < 300))
    return new LlmError(
      'provider_malformed_response',
      `${providerName} sent a response that could not be parsed: ${inner.message}`,
      { cause: error }
    );
  if (inner.statusCode === undefined) {
    const code = networkCode(inner);
    return new LlmError(
      'provider_unreachable',
      `${providerName} could not be reached${code ? ` (${code})` : ''}: ${inner.message}`,
      { cause: error }
    );
  }
  return new LlmError(
    'provider_error',
    `${providerName} answered HTTP ${inner.statusCode}: ${inner.message}`,
    { cause: error, providerStatus: inner.statusCode }
  );
}

/** Anything else a provider client threw (deepl-node, undici, a parser). */
function fromOther(inner: unknown, providerName: string, error: unknown) {
  if (isParseFailure(inner))
    return new LlmError(
      'provider_malformed_response',
      `${providerName} sent a response that could not be parsed: ${(inner as Error).message}`,
      { cause: error }
    );
  const status = (inner as { statusCode?: number })?.statusCode;
  if (typeof status === 'number')
    return new LlmError(
      'provider_error',
      `${providerName} answered HTTP ${status}: ${(inner as Error).message}`,
      { cause: error, providerStatus: status }
    );
  const code = networkCode(inner);
  if (code)
    return new LlmError('provider_unreachable', `${providerName} could not be reached (${code})`, {
      cause: error,
    });
  if (isAbort(inner))
    return new LlmError('aborted', `The call to ${providerName} was aborted`, { cause: error });
  const message = (inner as { message?: unknown })?.message ?? String(inner);
  return new LlmError('provider_error', `${providerName} failed: ${message}`, { cause: error });
}

/**
 * Turns whatever the AI SDK, deepl-node or the network threw into an LlmError that names the
 * provider and says what went wrong.
 */
export function toLlmError(
  error: unknown,
  providerName: string,
  context: { abortedByCaller?: boolean; timeoutMs?: number } = {}
): LlmError {
  if (error instanceof LlmError) return error;
  const inner = RetryError.isInstance(error) ? (error.lastError ?? error) : error;
  if (context.abortedByCaller)
    return new LlmError('aborted', `The call to ${providerName} was aborted by the caller`, {
      cause: error,
    });
  if (isTimeout(inner) || (isAbort(inner) && context.timeoutMs !== undefined))
    return new LlmError(
      'provider_timeout',
      `${providerName} did not answer within ${context.timeoutMs ?? '?'} ms`,
      { cause: error }
    );
  if (APICallError.isInstance(inner))
    return fromApiCall(inner, providerName, error, context.timeoutMs);
  return fromOther(inner, providerName, error);
}
