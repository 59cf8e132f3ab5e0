import type { Core } from '@strapi/strapi';
import {
  MAX_LISTED_MODELS,
  MAX_MODEL_ID_LENGTH,
  MAX_MODEL_NAME_LENGTH,
  type AvailableModel,
  type CataloguePrices,
  type ImportProviderModels,
} from '../../../shared/contracts/providers';
import { UID } from '../content-types/schemas';
import { knexOf, tableOf } from '../db/tables';
import { LlmError } from '../gateway/errors';
import type { ProviderRecord } from '../gateway/types';
import { cataloguePrices, isCatalogueTiered } from '../pricing/catalogue';
import { formatNanoUsd } from '../pricing/money';
import type { ProviderAccess } from './access';
import { isProviderFailure, LIST_DEADLINE_MS, providerFailure } from './failures';

/** The bundled catalogue's base-tier prices for a model today, as the model record's price fields would hold them. */
export function catalogueFields(
  adapter: string,
  modelId: string,
  at: Date
): CataloguePrices | null {
  const sheet = cataloguePrices(adapter, modelId, 1, at);
  if (!sheet) return null;
  const text = (nano: bigint | null) => (nano === null ? null : formatNanoUsd(nano));
  return {
    priceInput: text(sheet.input),
    priceOutput: text(sheet.output),
    priceCacheRead: text(sheet.cacheRead),
    priceCacheWrite: text(sheet.cacheWrite),
    priceAudioMinute: text(sheet.audioMinute),
  };
}

/** A name cut to what a model record holds. */
export const modelName = (name: string | undefined, modelId: string) =>
  (name?.trim() || modelId).slice(0, MAX_MODEL_NAME_LENGTH);

/** The model ids already configured on a provider (read inside the import's transaction). */
async function configuredIds(strapi: Core.Strapi, provider: ProviderRecord): Promise<Set<string>> {
  const rows = (await strapi.db.query(UID.model).findMany({
    where: { provider: { id: provider.id } },
    select: ['modelId'],
  })) as Array<{ modelId: string }>;
  return new Set(rows.map((row) => row.modelId));
}

/** The provider's models list, within one deadline, its errors without the key. */
async function listed(access: ProviderAccess, provider: ProviderRecord) {
  const { adapter, connection } = access.connect(provider);
  if (!adapter.listModels)
    throw new LlmError(
      'unsupported_service',
      `Provider "${provider.name}" (${provider.adapter}) does not list its models: add them by hand`
    );
  try {
    return await adapter.listModels(AbortSignal.timeout(LIST_DEADLINE_MS));
  } catch (error) {
    if (!isProviderFailure(error)) throw error;
    throw providerFailure(error, provider, connection.apiKey);
  }
}

/**
 * What the provider offers (at most MAX_LISTED_MODELS; ids too long for a model record left off),
 * with the catalogue's prices, whether the catalogue prices it by tier, and whether each is
 * already configured.
 */
export async function availableModels(
  strapi: Core.Strapi,
  access: ProviderAccess,
  documentId: string,
  now: Date
): Promise<{ models: AvailableModel[]; truncated: boolean }> {
  const provider = await access.load(documentId);
  const all = await listed(access, provider);
  const fitting = all.filter((m) => m.modelId.length <= MAX_MODEL_ID_LENGTH);
  const kept = fitting.slice(0, MAX_LISTED_MODELS);
  const configured = await configuredIds(strapi, provider);
  return {
    truncated: kept.length < all.length,
    models: kept.map((model) => ({
      ...model,
      displayName: modelName(model.displayName, model.modelId),
      catalogue: catalogueFields(provider.adapter, model.modelId, now),
      tiered: isCatalogueTiered(provider.adapter, model.modelId, now),
      configured: configured.has(model.modelId),
    })),
  };
}

/** Holds the provider's row until the transaction ends: two imports of one provider run one after the other. */
async function lockProvider(strapi: Core.Strapi, provider: ProviderRecord, trx: unknown) {
  const client = (strapi.db as unknown as { dialect: { client: string } }).dialect.client;
  if (client === 'sqlite') return; // One connection: its transactions already run one at a time.
  const { name, column } = tableOf(strapi, UID.provider);
  const knex = (trx ?? knexOf(strapi)) as ReturnType<typeof knexOf>;
  await knex(name).where(column('id'), provider.id).forUpdate().first(column('id'));
}

type ImportResult = ImportProviderModels.Response['data'];

/**
 * Creates the chosen models on the provider in one transaction, through the Document Service (so
 * the model lifecycles and the write guard apply). Prices are left empty — the model follows the
 * catalogue, as any model with empty prices does — or copied from today's catalogue (pinned: they
 * no longer move when the catalogue does). A model the catalogue prices by tier is never pinned
 * (its base tier would under-price long prompts): it follows the catalogue, and the answer says so.
 * Model ids already configured, read inside the transaction, or repeated in the request, are skipped.
 */
export async function importModels(
  strapi: Core.Strapi,
  access: ProviderAccess,
  documentId: string,
  body: ImportProviderModels.Request['body'],
  now: Date
): Promise<ImportResult> {
  const provider = await access.load(documentId);
  const result: ImportResult = { created: [], skipped: [], followingCatalogue: [] };
  await strapi.db.transaction(async ({ trx }: { trx?: unknown }) => {
    await lockProvider(strapi, provider, trx);
    const configured = await configuredIds(strapi, provider);
    for (const model of body.models) {
      if (configured.has(model.modelId)) {
        result.skipped.push(model.modelId);
        continue;
      }
      configured.add(model.modelId);
      const tiered = body.pinPrices && isCatalogueTiered(provider.adapter, model.modelId, now);
      if (tiered) result.followingCatalogue.push(model.modelId);
      const prices =
        body.pinPrices && !tiered ? catalogueFields(provider.adapter, model.modelId, now) : null;
      const document = await strapi.documents(UID.model).create({
        data: {
          displayName: modelName(model.displayName, model.modelId),
          modelId: model.modelId,
          capabilities: model.capabilities ?? null,
          provider: provider.id,
          active: true,
          ...(prices ?? {}),
        } as Record<string, unknown>,
      });
      result.created.push({ documentId: document.documentId, modelId: model.modelId });
    }
  });
  return result;
}
