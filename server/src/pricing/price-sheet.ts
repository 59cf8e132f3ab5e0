import type { PriceSource } from '../../../shared/services';
import type { ModelRecord } from '../gateway/types';
import { cataloguePrices } from './catalogue';
import { computeCost, EMPTY_PRICES, type MeteredQuantities, type PriceField, type PriceSheet } from './cost';
import { parseUsd } from './money';

const MODEL_FIELDS: Record<PriceField, keyof ModelRecord> = {
  input: 'priceInput',
  output: 'priceOutput',
  cacheRead: 'priceCacheRead',
  cacheWrite: 'priceCacheWrite',
  image: 'priceImage',
  characters: 'priceCharacters',
  audioMinute: 'priceAudioMinute',
};

export function modelPrices(model: ModelRecord): PriceSheet {
  const sheet: PriceSheet = { ...EMPTY_PRICES };
  for (const [field, attribute] of Object.entries(MODEL_FIELDS) as Array<[PriceField, keyof ModelRecord]>) {
    sheet[field] = parseUsd(model[attribute] as string | null | undefined);
  }
  return sheet;
}

export interface PricedCall {
  costNano: bigint | null;
  priceSource: PriceSource;
}

/**
 * The cost of a call at the time it ran: the model's own prices, each empty one filled from the
 * catalogue; unpriced (cost null, never 0) when a needed price is in neither.
 */
export function priceCall(model: ModelRecord, adapter: string, quantities: MeteredQuantities, at: Date): PricedCall {
  const own = modelPrices(model);
  const fromModel = computeCost(quantities, own);
  if (fromModel.priced) return { costNano: fromModel.costNano, priceSource: 'model' };

  const catalogue = cataloguePrices(adapter, model.modelId, quantities.inputTokens, at);
  if (!catalogue) return { costNano: null, priceSource: 'none' };
  const merged: PriceSheet = { ...own };
  for (const field of fromModel.missing) merged[field] = catalogue[field];
  const withCatalogue = computeCost(quantities, merged);
  return withCatalogue.priced ? { costNano: withCatalogue.costNano, priceSource: 'catalogue' } : { costNano: null, priceSource: 'none' };
}

/**
 * Whether prompt tokens written to a provider's cache may cost more than plain input for this
 * model: its own cache-write price is dearer, or its prices come from the catalogue (which has
 * Anthropic's dearer cache writes). The budget gate prices a call's bound at the dearer rate.
 */
export function cacheWritesMayCostMore(model: ModelRecord): boolean {
  const own = modelPrices(model);
  if (own.input === null) return true;
  return own.cacheWrite !== null && own.cacheWrite > own.input;
}
