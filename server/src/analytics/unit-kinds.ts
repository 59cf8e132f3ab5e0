import type { Core } from '@strapi/strapi';
import type { UsageColumnKind, UsageUnitKind } from '../../../shared/contracts/usage-columns';
import { UNIT_KIND, type ServiceType } from '../../../shared/services';
import { UID } from '../content-types/schemas';

type ModelRow = {
  id: number;
  priceImage?: string | null;
  priceCharacters?: string | null;
  priceAudioMinute?: string | null;
  provider?: { adapter?: string } | null;
};

const PRICE_FIELDS = ['priceImage', 'priceCharacters', 'priceAudioMinute'] as const;

/** What a unit-priced model counts: the unit it has a price for (DeepL bills characters). */
function modelUnit(model: ModelRow | null | undefined): UsageUnitKind | null {
  if (!model) return null;
  if (model.priceImage) return 'images';
  if (model.priceCharacters || model.provider?.adapter === 'deepl') return 'characters';
  if (model.priceAudioMinute) return 'seconds';
  return null;
}

const MODEL_SELECT = {
  select: ['id', ...PRICE_FIELDS],
  populate: { provider: { select: ['adapter'] } },
};

/**
 * The unit a list row's units are counted in (images, characters or seconds), so a unit-priced row
 * reads "12 images" rather than "0 tokens"; null when it is not one kind (the cell says "units").
 */
export async function unitKinds(
  strapi: Core.Strapi,
  kind: UsageColumnKind,
  ids: number[]
): Promise<Map<number, UsageUnitKind | null>> {
  const where = { id: { $in: ids } };
  const kinds = new Map<number, UsageUnitKind | null>();
  if (ids.length === 0) return kinds;
  if (kind === 'model') {
    const rows = (await strapi.db
      .query(UID.model)
      .findMany({ where, ...MODEL_SELECT })) as ModelRow[];
    for (const row of rows) kinds.set(row.id, modelUnit(row));
  } else if (kind === 'configuration') {
    const rows = (await strapi.db
      .query(UID.configuration)
      .findMany({ where, select: ['id'], populate: { model: MODEL_SELECT } })) as Array<{
      id: number;
      model?: ModelRow | null;
    }>;
    for (const row of rows) kinds.set(row.id, modelUnit(row.model));
  } else if (kind === 'task') {
    const rows = (await strapi.db
      .query(UID.task)
      .findMany({ where, select: ['id', 'service'] })) as Array<{ id: number; service: string }>;
    for (const row of rows) kinds.set(row.id, UNIT_KIND[row.service as ServiceType] ?? null);
  } else {
    const rows = (await strapi.db
      .query(UID.provider)
      .findMany({ where, select: ['id', 'adapter'] })) as Array<{ id: number; adapter: string }>;
    for (const row of rows) kinds.set(row.id, row.adapter === 'deepl' ? 'characters' : null);
  }
  return kinds;
}
