import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { LlmError } from '../gateway/errors';
import { configurationNamed, modelList } from '../openai-compat/configurations';
import {
  OpenAiRequestError,
  sendModelNotFound,
  sendOpenAiError,
  sendRequestError,
} from '../openai-compat/errors';
import { chatOptionsOf, OPENAI_SOURCE } from '../openai-compat/request';
import { chatCompletion, embeddingList } from '../openai-compat/responses';
import { sendStream } from '../openai-compat/stream';
import { getService } from '../utils/get-service';
import { validateChatBody, validateEmbeddingBody } from './validation/openai-compat';

const bodyOf = (ctx: Context) => (ctx.request as { body?: unknown }).body;

/**
 * The OpenAI-compatible endpoint (content API, an API token as the key): every call goes through
 * the gateway like any other — allow-listed, rate-limited, budgeted, metered, attributed to the
 * token (and to the `user` the client names) — and answers in OpenAI's shapes, errors included.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Runs a handler, answering its refusals and failures as OpenAI errors. */
  const answering = (handler: (ctx: Context) => Promise<void>) => async (ctx: Context) => {
    try {
      await handler(ctx);
    } catch (error) {
      if (error instanceof OpenAiRequestError) return sendRequestError(ctx, error);
      if (error instanceof LlmError) {
        // A failure the caller did not cause is logged whole; the caller gets the code and request id.
        if (error.status >= 500)
          strapi.log.warn(`llm: OpenAI-compatible call failed: ${error.message}`);
        return sendOpenAiError(ctx, error);
      }
      // A fault of the plugin or the database: logged, and still answered in OpenAI's shape.
      strapi.log.error(`llm: OpenAI-compatible endpoint: ${(error as Error)?.stack ?? error}`);
      return sendOpenAiError(ctx, new LlmError('internal_error', 'Internal error'));
    }
  };

  /** The configuration `model` names, or a 404 `model_not_found` already answered (null). */
  async function configurationFor(ctx: Context, model: string) {
    const configuration = await configurationNamed(strapi, model);
    if (!configuration) sendModelNotFound(ctx, model);
    return configuration;
  }

  return {
    // POST /api/llm/v1/chat/completions
    chatCompletions: answering(async (ctx) => {
      const body = await validateChatBody(bodyOf(ctx));
      const configuration = await configurationFor(ctx, body.model);
      if (!configuration) return;
      const abort = new AbortController();
      const options = chatOptionsOf(body, configuration.id, abort.signal);
      const llm = getService(strapi, 'llm');
      if (body.stream) {
        const stream = await llm.stream(options);
        const includeUsage = body.stream_options?.include_usage === true;
        return sendStream(ctx, strapi, stream, { model: body.model, includeUsage, abort });
      }
      // A client that hangs up stops the provider call too (metered as an aborted call).
      ctx.res.on('close', () => {
        if (!ctx.res.writableFinished) abort.abort();
      });
      const result = await llm.chat(options);
      ctx.set('x-request-id', result.usage.requestId);
      ctx.body = chatCompletion(body.model, result);
    }),

    // POST /api/llm/v1/embeddings
    embeddings: answering(async (ctx) => {
      const body = await validateEmbeddingBody(bodyOf(ctx));
      const configuration = await configurationFor(ctx, body.model);
      if (!configuration) return;
      const values = typeof body.input === 'string' ? [body.input] : body.input;
      const result = await getService(strapi, 'llm').embed({
        configuration: configuration.id,
        values,
        source: OPENAI_SOURCE,
        ...(body.user !== undefined && { endUser: body.user }),
      });
      ctx.set('x-request-id', result.usage.requestId);
      ctx.body = embeddingList(
        body.model,
        result.embeddings,
        result.usage,
        body.encoding_format ?? 'float'
      );
    }),

    // GET /api/llm/v1/models
    models: answering(async (ctx) => {
      ctx.body = await modelList(strapi, ctx);
    }),
  };
};
