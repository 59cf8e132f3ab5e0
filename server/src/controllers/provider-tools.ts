import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  MAX_LISTED_MODELS,
  type ImportProviderModels,
  type ListAvailableModels,
  type TestProviderConnection,
} from '../../../shared/contracts/providers';
import { LlmError } from '../gateway/errors';
import { getService } from '../utils/get-service';
import { sendLlmError } from './respond';
import { validateDocumentIdParams, validateImportModels } from './validation/providers';

/**
 * A provider's "Test connection" and "Import models" (plugin::llm.settings.manage, checked by the
 * routes' policy). Answers never carry the key: only what the provider answered, or why it failed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tools = () => getService(strapi, 'provider-tools');

  /** Runs a handler; a gateway error becomes Strapi's error envelope with its code. */
  async function answer(ctx: Context, handler: () => Promise<unknown>, meta = false) {
    await validateDocumentIdParams(ctx.params);
    try {
      const result = await handler();
      ctx.body = meta ? result : { data: result };
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      sendLlmError(ctx, error);
    }
  }

  return {
    // POST /llm/providers/:documentId/test-connection
    async testConnection(ctx: Context) {
      const user = (ctx.state.user as { id?: number } | undefined)?.id ?? null;
      await answer(ctx, async (): Promise<TestProviderConnection.Response['data']> =>
        tools().testConnection(ctx.params.documentId, user)
      );
    },

    // GET /llm/providers/:documentId/available-models
    async availableModels(ctx: Context) {
      await answer(
        ctx,
        async (): Promise<ListAvailableModels.Response> => {
          const { models, truncated } = await tools().availableModels(ctx.params.documentId);
          return { data: models, meta: { truncated, limit: MAX_LISTED_MODELS } };
        },
        true
      );
    },

    // POST /llm/providers/:documentId/models/import
    async importModels(ctx: Context) {
      await validateDocumentIdParams(ctx.params);
      const body = (await validateImportModels(
        (ctx.request as { body?: unknown }).body
      )) as ImportProviderModels.Request['body'];
      await answer(ctx, async (): Promise<ImportProviderModels.Response['data']> =>
        tools().importModels(ctx.params.documentId, body)
      );
    },
  };
};
