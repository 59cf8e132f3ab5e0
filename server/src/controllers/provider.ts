import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { UID } from '../content-types/schemas';
import {
  type GetProviderCredentials,
  type ProviderCredentials,
  type SetProviderApiKey,
} from '../../../shared/contracts/providers';
import { knexOf, tableOf } from '../db/tables';
import { ACTIONS } from '../permissions';
import { securityConfig } from '../plugin-config';
import { isAllowedKeyEnv } from '../secrets/api-key-env';
import { validateDocumentIdParams, validateSetApiKey } from './validation/providers';

/** The stored key and its variable as the admin may see them: whether they are there, never what they are. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function credentialsOf(
    ctx: Context,
    documentId: string
  ): Promise<ProviderCredentials | null> {
    // Plain SQL: every other read path withholds the key (security/secret-fields.ts); only its presence is read here.
    const { name, column } = tableOf(strapi, UID.provider);
    const provider = await knexOf(strapi)(name)
      .where(column('documentId'), documentId)
      .first(
        knexOf(strapi).raw(
          `CASE WHEN ${column('apiKey')} IS NULL OR ${column('apiKey')} = '' THEN 0 ELSE 1 END AS stored`
        ),
        `${column('apiKeyEnv')} AS env`
      );
    if (!provider) return null;
    const env = (provider.env as string | null) || null;
    return {
      apiKeyStored: Number(provider.stored) === 1,
      apiKeyEnv: env,
      apiKeyEnvAllowed:
        env === null ? null : isAllowedKeyEnv(env, securityConfig(strapi).apiKeyEnv),
      apiKeyEnvSet: env === null ? null : process.env[env] !== undefined,
      mayManage: Boolean(ctx.state.userAbility?.can(ACTIONS.settingsManage)),
    };
  }

  return {
    // GET /llm/providers/:documentId/credentials (plugin::llm.may-read-entry: this provider, conditions included)
    async credentials(ctx: Context) {
      const data = await credentialsOf(ctx, ctx.params.documentId);
      if (!data) throw new errors.NotFoundError(`No LLM provider ${ctx.params.documentId}`);
      const body: GetProviderCredentials.Response = { data };
      ctx.body = body;
    },

    // PUT /llm/providers/:documentId/api-key (plugin::llm.settings.manage, checked by the route's policy)
    async setApiKey(ctx: Context) {
      await validateDocumentIdParams(ctx.params);
      const { apiKey } = (await validateSetApiKey(
        (ctx.request as { body?: unknown }).body
      )) as SetProviderApiKey.Request['body'];
      if (
        !(await strapi.db
          .query(UID.provider)
          .findOne({ where: { documentId: ctx.params.documentId }, select: ['id'] }))
      ) {
        throw new errors.NotFoundError(`No LLM provider ${ctx.params.documentId}`);
      }
      // Through the Document Service, so the write guard and the encryption in the lifecycles apply.
      await strapi
        .documents(UID.provider)
        .update({ documentId: ctx.params.documentId, data: { apiKey } as Record<string, unknown> });
      const response: SetProviderApiKey.Response = {
        data: (await credentialsOf(ctx, ctx.params.documentId))!,
      };
      ctx.body = response;
    },
  };
};
