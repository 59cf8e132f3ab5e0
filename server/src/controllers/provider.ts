import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { UID } from '../../../content-types';
import {
  MAX_API_KEY_LENGTH,
  type GetProviderCredentials,
  type ProviderCredentials,
  type SetProviderApiKey,
} from '../../../shared/contracts/providers';
import { ACTIONS } from '../permissions';
import { securityConfig } from '../plugin-config';
import { isAllowedKeyEnv } from '../secrets/api-key-env';
import { mayReadEntry } from '../entries/access';

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
// Printable ASCII without spaces: every provider's keys look like this, and it keeps headers clean.
const API_KEY = /^[\x21-\x7e]+$/;

/** The stored key and its variable as the admin may see them: whether they are there, never what they are. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function credentialsOf(
    ctx: Context,
    documentId: string
  ): Promise<ProviderCredentials | null> {
    // Plain SQL: every other read path withholds the key (security/secret-fields.ts); only its presence is read here.
    const meta = strapi.db.metadata.get(UID.provider);
    const column = (attribute: string) =>
      (meta.attributes[attribute] as unknown as { columnName: string }).columnName;
    const provider = await strapi.db
      .connection(meta.tableName)
      .where(column('documentId'), documentId)
      .first(
        strapi.db.connection.raw(
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
    // GET /llm/providers/:documentId/credentials
    async credentials(ctx: Context) {
      if (!DOCUMENT_ID.test(ctx.params.documentId)) return ctx.badRequest('Expected a document id');
      // The Content Manager's own check for this record, conditions included ("only own entries").
      if (!(await mayReadEntry(strapi, ctx, UID.provider, ctx.params.documentId)))
        return ctx.forbidden(`You may not read this ${UID.provider}`);
      const data = await credentialsOf(ctx, ctx.params.documentId);
      if (!data) return ctx.notFound(`No LLM provider ${ctx.params.documentId}`);
      const body: GetProviderCredentials.Response = { data };
      ctx.body = body;
    },

    // PUT /llm/providers/:documentId/api-key (plugin::llm.settings.manage, checked by the route's policy)
    async setApiKey(ctx: Context) {
      if (!DOCUMENT_ID.test(ctx.params.documentId)) return ctx.badRequest('Expected a document id');
      const body = (ctx.request as { body?: unknown }).body as
        Partial<SetProviderApiKey.Request['body']> | undefined;
      const apiKey = body?.apiKey;
      if (
        apiKey !== null &&
        (typeof apiKey !== 'string' || apiKey.length > MAX_API_KEY_LENGTH || !API_KEY.test(apiKey))
      ) {
        return ctx.badRequest(
          `body.apiKey must be the key (printable characters, no spaces, at most ${MAX_API_KEY_LENGTH}) or null to remove it`
        );
      }
      if (
        !(await strapi.db
          .query(UID.provider)
          .findOne({ where: { documentId: ctx.params.documentId }, select: ['id'] }))
      ) {
        return ctx.notFound(`No LLM provider ${ctx.params.documentId}`);
      }
      // Through the Document Service, so the write guard and the encryption in the lifecycles apply.
      await strapi
        .documents(UID.provider as any)
        .update({ documentId: ctx.params.documentId, data: { apiKey } as any });
      const response: SetProviderApiKey.Response = {
        data: (await credentialsOf(ctx, ctx.params.documentId))!,
      };
      ctx.body = response;
    },
  };
};
