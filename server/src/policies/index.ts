import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { UID } from '../content-types/schemas';
import { USAGE_COLUMN_KINDS, type UsageColumnKind } from '../../../shared/contracts/usage-columns';
import { ENTRY_PARAMS_SCHEMA } from '../controllers/validation/entries';
import { validate } from '../controllers/validation/validate';
import { mayRead, mayReadEntry } from './content-access';

type Policy<Config = unknown> = (
  ctx: Context,
  config: Config,
  opts: { strapi: Core.Strapi }
) => Promise<boolean> | boolean;

/**
 * `plugin::llm.may-read-entry`: the caller may read the entry named by the route (`:uid` or the
 * configured uid, and `:documentId`) in the Content Manager, conditions included. A malformed
 * address is a 400, an unknown content type a 404, an entry they may not read a 403.
 */
const mayReadEntryPolicy: Policy<{ uid?: string }> = async (ctx, config, { strapi }) => {
  const { uid, documentId } = await validate(ENTRY_PARAMS_SCHEMA, {
    uid: config?.uid ?? ctx.params.uid,
    documentId: ctx.params.documentId,
  });
  if (!strapi.contentTypes[uid as keyof typeof strapi.contentTypes])
    throw new errors.NotFoundError(`No content type ${uid}`);
  if (!(await mayReadEntry(strapi, ctx, uid!, documentId!)))
    throw new errors.ForbiddenError(`You may not read this entry of ${uid}`);
  return true;
};

/**
 * `plugin::llm.may-read-kind`: the caller may read the plugin content type named by `:kind` in the
 * Content Manager (its usage columns are figures about those records).
 */
const mayReadKindPolicy: Policy = (ctx) => {
  const kind = ctx.params.kind as UsageColumnKind;
  if (!USAGE_COLUMN_KINDS.includes(kind))
    throw new errors.NotFoundError(`No usage columns for "${ctx.params.kind}"`);
  if (!mayRead(ctx, UID[kind])) throw new errors.ForbiddenError(`You may not read ${UID[kind]}`);
  return true;
};

export default {
  'may-read-entry': mayReadEntryPolicy,
  'may-read-kind': mayReadKindPolicy,
};
