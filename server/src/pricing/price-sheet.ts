import type { PriceSource } from '../../../shared/services';
import type { ModelRecord } from '../gateway/types';
import { cataloguePrices } from './catalogue';
import {
  cacheSavings,
  computeCost,
  EMPTY_PRICES,
  type ExactCost,
  type MeteredQuantities,
  type PriceField,
  type PriceSheet,
} from './cost';
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

/** The prices typed into the model record (null where the field is empty). */
export function modelPrices(model: ModelRecord): PriceSheet {
  const sheet: PriceSheet = { ...EMPTY_PRICES };
  for (const [field, attribute] of Object.entries(MODEL_FIELDS) as Array<
    [PriceField, keyof ModelRecord]
  >) {
    sheet[field] = parseUsd(model[attribute] as string | null | undefined);
  }
  return sheet;
}

/** A model with at least one explicit price, every one of them 0: a free model, whatever the call uses. */
export function isFree(own: PriceSheet): boolean {
  const explicit = Object.values(own).filter((price) => price !== null);
  return explicit.length > 0 && explicit.every((price) => price === 0n);
}

/** Cache prices a provider may not list separately: charged at the input price (as the catalogue does). */
const DERIVED_FROM_INPUT: PriceField[] = ['cacheRead', 'cacheWrite'];

/** The fields a call needs a price for. */
function neededFields(q: MeteredQuantities): PriceField[] {
  const uncached = q.inputTokens - q.cacheReadTokens - q.cacheWriteTokens;
  const needs: Array<[PriceField, number]> = [
    ['input', uncached],
    ['cacheRead', q.cacheReadTokens],
    ['cacheWrite', q.cacheWriteTokens],
    ['output', q.outputTokens],
    ['image', q.images],
    ['characters', q.characters],
    ['audioMinute', q.seconds],
  ];
  // Cache savings are worked out against the input price, so a call with cache reads asks for it too.
  if (q.cacheReadTokens > 0) needs.push(['input', 1]);
  return [...new Set(needs.filter(([, quantity]) => quantity > 0).map(([field]) => field))];
}

/**
 * The price of each field, by the rules in the README's pricing section, first match wins:
 *   1. the model's explicit price;
 *   2. 0 when the model is free (it has explicit prices and every one is 0);
 *   3. the bundled catalogue's price for the model at the call's time and prompt size;
 *   4. for cache reads and cache writes: the input price found by 1–3;
 *   5. none: the call is unpriced (never "$0").
 * `fromCatalogue` says whether any needed price came from step 3 (the row's price source).
 */
export function resolvePrices(
  model: ModelRecord,
  adapter: string,
  quantities: MeteredQuantities,
  at: Date
): { sheet: PriceSheet; fromCatalogue: boolean } {
  const own = modelPrices(model);
  const needed = neededFields(quantities);
  if (isFree(own))
    return {
      sheet: Object.fromEntries(Object.keys(own).map((f) => [f, 0n])) as unknown as PriceSheet,
      fromCatalogue: false,
    };

  const sheet: PriceSheet = { ...own };
  let fromCatalogue = false;
  const missing = needed.filter((field) => sheet[field] === null);
  const catalogue =
    missing.length > 0 || (needed.includes('cacheRead') && sheet.input === null)
      ? cataloguePrices(adapter, model.modelId, quantities.inputTokens, at)
      : null;
  if (catalogue) {
    for (const field of [...missing, 'input' as const]) {
      if (sheet[field] === null && catalogue[field] !== null) {
        sheet[field] = catalogue[field];
        if (needed.includes(field)) fromCatalogue = true;
      }
    }
  }
  for (const field of DERIVED_FROM_INPUT)
    if (sheet[field] === null && sheet.input !== null) sheet[field] = sheet.input;
  return { sheet, fromCatalogue };
}

export interface PricedCall extends Omit<ExactCost, 'costNano'> {
  /** null when the call could not be priced (never 0 for "unknown"). */
  costNano: bigint | null;
  priceSource: PriceSource;
  /** What cache reads saved against the input price, nano-USD (0 when none or unpriced). */
  cacheSavingsNano: bigint;
}

export const UNPRICED: PricedCall = {
  costNano: null,
  remainderFemto: 0n,
  priceSource: 'none',
  cacheSavingsNano: 0n,
};

/** The cost of a call at the time it ran, by the rules of `resolvePrices`. */
export function priceCall(
  model: ModelRecord,
  adapter: string,
  quantities: MeteredQuantities,
  at: Date
): PricedCall {
  const { sheet, fromCatalogue } = resolvePrices(model, adapter, quantities, at);
  const cost = computeCost(quantities, sheet);
  if (!cost.priced) return UNPRICED;
  return {
    costNano: cost.costNano,
    remainderFemto: cost.remainderFemto,
    priceSource: fromCatalogue ? 'catalogue' : 'model',
    cacheSavingsNano: cacheSavings(quantities, sheet),
  };
}

/**
 * Whether prompt tokens written to a provider's cache may cost more than plain input for this
 * model, by the same rules a call is priced with (Anthropic's catalogue cache writes are dearer).
 * The budget gate prices a call's bound at the dearer rate when this is true.
 */
export function cacheWritesMayCostMore(model: ModelRecord, adapter: string, at: Date): boolean {
  const own = modelPrices(model);
  if (own.cacheWrite !== null && own.input !== null) return own.cacheWrite > own.input;
  const { sheet } = resolvePrices(
    model,
    adapter,
    {
      inputTokens: 2,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 1,
      images: 0,
      characters: 0,
      seconds: 0,
    },
    at
  );
  return sheet.cacheWrite === null || sheet.input === null || sheet.cacheWrite > sheet.input;
}
