import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ListModels } from '../../../shared/contracts/openai-compat';
import { UID } from '../content-types/schemas';
import { API_TOKEN_STRATEGIES } from '../gateway/context';
import { getService } from '../utils/get-service';

interface ConfigurationRow {
  id: number;
  name: string;
  active: boolean;
  createdAt?: string | Date | null;
}

/** The API token of the request (what the gateway attributes the call to), if one authorised it. */
export function apiTokenOf(ctx: Context): number | null {
  const auth = (
    ctx.state as { auth?: { strategy?: { name?: string }; credentials?: { id?: unknown } } }
  ).auth;
  const id = auth?.credentials?.id;
  return auth?.strategy?.name &&
    API_TOKEN_STRATEGIES.has(auth.strategy.name) &&
    typeof id === 'number'
    ? id
    : null;
}

/**
 * The configuration an OpenAI `model` names: by its unique name only (not an id or documentId, so
 * what /v1/models lists is exactly what a client may send). Null when no configuration has it.
 */
export async function configurationNamed(strapi: Core.Strapi, name: string) {
  return (await strapi.db
    .query(UID.configuration)
    .findOne({ where: { name }, select: ['id', 'name', 'active'] })) as ConfigurationRow | null;
}

const createdSeconds = (value: ConfigurationRow['createdAt']) => {
  const time = value ? new Date(value).getTime() : NaN;
  return Number.isFinite(time) ? Math.floor(time / 1000) : 0;
};

/** The active configurations the token's allow-list lets it call, by name, in OpenAI's model list. */
export async function modelList(strapi: Core.Strapi, ctx: Context): Promise<ListModels.Response> {
  const rows = (await strapi.db.query(UID.configuration).findMany({
    where: { active: true },
    select: ['id', 'name', 'active', 'createdAt'],
    orderBy: { name: 'asc' },
  })) as ConfigurationRow[];
  const allowed = new Set(
    await getService(strapi, 'access').configurationsAllowedFor(
      apiTokenOf(ctx),
      rows.map((row) => row.id)
    )
  );
  return {
    object: 'list',
    data: rows
      .filter((row) => allowed.has(row.id))
      .map((row) => ({
        id: row.name,
        object: 'model',
        created: createdSeconds(row.createdAt),
        owned_by: 'strapi-plugin-llm',
      })),
  };
}
