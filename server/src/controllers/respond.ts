import type { Context } from 'koa';
import type { ErrorBody } from '../../../shared/contracts/tasks';
import { BudgetExceededError } from '../budgets/budget-exceeded';
import type { LlmError } from '../gateway/errors';

/**
 * Answers with Strapi's error envelope, carrying the gateway's error code and the usage row's
 * request id; a budget refusal (429) also says which budget, which limit, used, limit and reset day.
 */
export function sendLlmError(ctx: Context, error: LlmError) {
  const body: ErrorBody = {
    error: {
      status: error.status,
      name: error instanceof BudgetExceededError ? 'BudgetExceededError' : error.code === 'invalid_request' ? 'ValidationError' : 'LlmError',
      message: error.message,
      details: {
        code: error.code,
        ...(error.requestId && { requestId: error.requestId }),
        ...(error instanceof BudgetExceededError && { budget: error.details }),
      },
    },
  };
  ctx.status = error.status;
  ctx.body = body;
}
