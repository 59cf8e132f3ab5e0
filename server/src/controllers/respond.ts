import type { Context } from 'koa';
import type { ErrorBody } from '../../../shared/contracts/tasks';
import { BudgetExceededError } from '../budgets/budget-exceeded';
import { PUBLIC_MESSAGES, type LlmError } from '../gateway/errors';

/**
 * Answers with Strapi's error envelope, carrying the gateway's error code and the usage row's
 * request id. Admins get the whole story (a budget refusal also says which budget, used, limit and
 * reset day). A content-API caller gets the code, the request id and a generic message — unless the
 * message is about their own input — never provider text, hosts, variable names or budgets; the
 * whole message stays in the usage row and the server log.
 */
export function sendLlmError(
  ctx: Context,
  error: LlmError,
  { audience = 'admin' }: { audience?: 'admin' | 'content-api' } = {}
) {
  const admin = audience === 'admin';
  const body: ErrorBody = {
    error: {
      status: error.status,
      name:
        error instanceof BudgetExceededError
          ? 'BudgetExceededError'
          : error.code === 'invalid_request'
            ? 'ValidationError'
            : 'LlmError',
      message: admin || error.exposable ? error.message : PUBLIC_MESSAGES[error.code],
      details: {
        code: error.code,
        ...(error.requestId && { requestId: error.requestId }),
        ...(admin && error instanceof BudgetExceededError && { budget: error.details }),
      },
    },
  };
  ctx.status = error.status;
  if (error.retryAfterSeconds !== undefined)
    ctx.set('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  ctx.body = body;
}
