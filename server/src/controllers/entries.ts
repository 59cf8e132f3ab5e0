import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { EstimateTask, GetEntryUsage } from '../../../shared/contracts/entries';
import { recordId } from '../db/record-id';
import { mayRead, mayReadEntry, readableSelection } from '../entries/access';
import { LlmError } from '../gateway/errors';
import { sendLlmError } from './respond';

const UID_PATTERN = /^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+$/;
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_IDS = 1000;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  // GET /llm/entries/:uid/:documentId/usage
  async usage(ctx: Context) {
    const { uid, documentId } = ctx.params;
    if (!UID_PATTERN.test(uid) || !DOCUMENT_ID.test(documentId))
      return ctx.badRequest('Expected a content type uid and a document id');
    if (!strapi.contentTypes[uid as keyof typeof strapi.contentTypes])
      return ctx.notFound(`No content type ${uid}`);
    if (!(await mayReadEntry(strapi, ctx, uid, documentId)))
      return ctx.forbidden(`You may not read this entry of ${uid}`);
    const body: GetEntryUsage.Response = {
      data: await strapi.plugin('llm').service('entries').usage(uid, documentId),
    };
    ctx.body = body;
  },

  // POST /llm/tasks/:id/estimate
  async estimate(ctx: Context) {
    const body = (ctx.request as { body?: unknown }).body;
    if (
      !isPlainObject(body) ||
      typeof body.contentType !== 'string' ||
      !UID_PATTERN.test(body.contentType)
    ) {
      return sendLlmError(
        ctx,
        new LlmError('invalid_request', 'body.contentType must be a content type uid')
      );
    }
    const { documentIds, filters, locales } = body as EstimateTask.Request['body'];
    if (
      documentIds !== undefined &&
      (!Array.isArray(documentIds) ||
        documentIds.length > MAX_IDS ||
        documentIds.some((id) => typeof id !== 'string' || !DOCUMENT_ID.test(id)))
    ) {
      return sendLlmError(
        ctx,
        new LlmError('invalid_request', `body.documentIds must be up to ${MAX_IDS} document ids`)
      );
    }
    if (filters !== undefined && !isPlainObject(filters))
      return sendLlmError(ctx, new LlmError('invalid_request', 'body.filters must be an object'));
    if (
      locales !== undefined &&
      (!Array.isArray(locales) || locales.some((l) => typeof l !== 'string' || l.length > 20))
    ) {
      return sendLlmError(
        ctx,
        new LlmError('invalid_request', 'body.locales must be a list of locale codes')
      );
    }
    if (documentIds === undefined && filters === undefined)
      return sendLlmError(
        ctx,
        new LlmError('invalid_request', 'Name the entries: body.documentIds or body.filters')
      );
    if (!mayRead(ctx, body.contentType))
      return ctx.forbidden(`You may not read ${body.contentType}`);
    const taskId = recordId(ctx.params.id);
    if (taskId === null)
      return sendLlmError(ctx, new LlmError('not_found', `No LLM task ${ctx.params.id}`));

    try {
      // Only entries, and fields, the caller may read in the Content Manager (entries/access.ts).
      const selection = await readableSelection(strapi, ctx, body.contentType, {
        documentIds,
        filters,
      });
      const data = await strapi
        .plugin('llm')
        .service('entries')
        .estimate(
          taskId,
          { contentType: body.contentType, selection, locales },
          ctx.state.user?.id ?? null
        );
      const response: EstimateTask.Response = { data };
      ctx.body = response;
    } catch (error) {
      if (error instanceof LlmError) return sendLlmError(ctx, error);
      // The Document Service rejects filters on unknown fields with a validation error: the caller's mistake.
      if ((error as { name?: string }).name === 'ValidationError')
        return sendLlmError(ctx, new LlmError('invalid_request', (error as Error).message));
      throw error;
    }
  },
});
