import type { Context } from 'koa';
import type { OpenAiErrorBody } from '../../../shared/contracts/openai-compat';
import { PUBLIC_MESSAGES, type LlmError } from '../gateway/errors';

/** A request the endpoint refuses before any call: OpenAI's 400, `param` naming the field. */
export class OpenAiRequestError extends Error {
  constructor(
    message: string,
    readonly param: string | null
  ) {
    super(message);
    this.name = 'OpenAiRequestError';
  }
}

/** OpenAI's error `type` for each HTTP status class (its clients read the status, people the type). */
function typeFor(error: LlmError): string {
  if (error.code === 'budget_exceeded') return 'insufficient_quota';
  if (error.status === 429) return 'rate_limit_error';
  if (error.status === 403) return 'permission_error';
  if (error.status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/**
 * A gateway error as OpenAI's error object. The caller is a content-API client: it gets the stable
 * code and the request id, and the message only when it is about its own input (controllers/respond.ts).
 */
export function openAiError(error: LlmError, param: string | null = null): OpenAiErrorBody {
  return {
    error: {
      message: error.exposable ? error.message : PUBLIC_MESSAGES[error.code],
      type: typeFor(error),
      param,
      code: error.code,
      ...(error.requestId && { request_id: error.requestId }),
    },
  };
}

/** Answers an LlmError in OpenAI's shape: its HTTP status, `x-request-id`, and `Retry-After` when known. */
export function sendOpenAiError(ctx: Context, error: LlmError, param: string | null = null) {
  ctx.status = error.status;
  if (error.requestId) ctx.set('x-request-id', error.requestId);
  if (error.retryAfterSeconds !== undefined)
    ctx.set('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  ctx.body = openAiError(error, param);
}

/** A refused request body: 400 `invalid_request_error`, nothing was called or recorded. */
export function sendRequestError(ctx: Context, error: OpenAiRequestError) {
  ctx.status = 400;
  const body: OpenAiErrorBody = {
    error: {
      message: error.message,
      type: 'invalid_request_error',
      param: error.param,
      code: 'invalid_request',
    },
  };
  ctx.body = body;
}

/** A `model` that names no configuration: OpenAI's 404 `model_not_found`. */
export function sendModelNotFound(ctx: Context, model: string) {
  ctx.status = 404;
  const body: OpenAiErrorBody = {
    error: {
      message: `The model \`${model}\` does not exist or you do not have access to it.`,
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
    },
  };
  ctx.body = body;
}
