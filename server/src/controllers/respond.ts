import type { Context } from 'koa';
import type { ErrorBody } from '../../../shared/contracts/tasks';
import type { LlmError } from '../gateway/errors';

/** Answers with Strapi's error envelope, carrying the gateway's error code and the usage row's request id. */
export function sendLlmError(ctx: Context, error: LlmError) {
  const body: ErrorBody = {
    error: {
      status: error.status,
      name: error.code === 'invalid_request' ? 'ValidationError' : 'LlmError',
      message: error.message,
      details: { code: error.code, ...(error.requestId && { requestId: error.requestId }) },
    },
  };
  ctx.status = error.status;
  ctx.body = body;
}
