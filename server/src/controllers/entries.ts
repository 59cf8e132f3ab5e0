import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type {
  EntryCall,
  EntryUsage,
  EstimateTask,
  GetEntryUsage,
} from '../../../shared/contracts/entries';
import type { LlmErrorCode } from '../gateway/errors';
import { recordId } from '../db/record-id';
import { readableSelection } from '../entries/access';
import { LlmError, PUBLIC_MESSAGES } from '../gateway/errors';
import { ACTIONS } from '../permissions';
import { mayRead } from '../policies/content-access';
import { getService } from '../utils/get-service';
import { sendLlmError } from './respond';
import { validateEstimate } from './validation/entries';

/**
 * A provider's own error text can name hosts, ports, key prefixes or variables, and the panel is
 * open to anyone who may read the entry: without `analytics.read` (what the ledger needs) a failed
 * call says only what its error code means.
 */
function withPublicErrors(usage: EntryUsage | null): EntryUsage | null {
  if (!usage) return usage;
  const redact = (call: EntryCall): EntryCall => ({
    ...call,
    errorMessage: call.errorCode ? (PUBLIC_MESSAGES[call.errorCode as LlmErrorCode] ?? null) : null,
  });
  return { ...usage, recent: usage.recent.map(redact) };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  // GET /llm/entries/:uid/:documentId/usage (plugin::llm.may-read-entry checks the address and access)
  async usage(ctx: Context) {
    const { uid, documentId } = ctx.params;
    const usage = await getService(strapi, 'entries').usage(uid, documentId);
    const body: GetEntryUsage.Response = {
      data: ctx.state.userAbility?.can(ACTIONS.analyticsRead) ? usage : withPublicErrors(usage),
    };
    ctx.body = body;
  },

  // POST /llm/tasks/:id/estimate
  async estimate(ctx: Context) {
    try {
      const input = await validateEstimate((ctx.request as { body?: unknown }).body);
      const { contentType, documentIds, filters, locales } = input;
      if (!mayRead(ctx, contentType))
        throw new errors.ForbiddenError(`You may not read ${contentType}`);
      const taskId = recordId(ctx.params.id);
      if (taskId === null) throw new LlmError('not_found', `No LLM task ${ctx.params.id}`);
      // Only entries, and fields, the caller may read in the Content Manager (entries/access.ts).
      const selection = await readableSelection(strapi, ctx, contentType, { documentIds, filters });
      const data = await getService(strapi, 'entries').estimate(
        taskId,
        { contentType, selection, locales },
        ctx.state.user?.id ?? null
      );
      const response: EstimateTask.Response = { data };
      ctx.body = response;
    } catch (error) {
      if (error instanceof LlmError) return sendLlmError(ctx, error);
      // Ours, or the Document Service's for filters on unknown fields: the caller's mistake, with the code LLM routes carry.
      if (
        error instanceof errors.ValidationError ||
        (error as { name?: string }).name === 'ValidationError'
      )
        return sendLlmError(ctx, new LlmError('invalid_request', (error as Error).message));
      throw error;
    }
  },
});
