import { calcPrice } from '@pydantic/genai-prices';
import { EMPTY_PRICES, type PriceSheet } from './cost';
import { usdNumberToNano } from './money';

/** Our adapter types → the catalogue's provider ids (openai-compatible hosts are looked up by model id alone). */
const CATALOGUE_PROVIDER: Record<string, string | undefined> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  mistral: 'mistral',
  deepl: undefined,
  ollama: undefined,
};

type CataloguePrice =
  number | { base: number; tiers: Array<{ start: number; price: number }> } | undefined;

/** A tiered catalogue price at a given prompt size (tiers start at a number of input tokens). */
function priceAt(price: CataloguePrice, inputTokens: number): bigint | null {
  if (price === undefined || price === null) return null;
  if (typeof price === 'number') return usdNumberToNano(price);
  let value = price.base;
  for (const tier of price.tiers) if (inputTokens >= tier.start) value = tier.price;
  return usdNumberToNano(value);
}

/**
 * Prices from the bundled @pydantic/genai-prices data, never updated at run time (no network here,
 * and a price change must be deliberate). Returns null when the catalogue does not know the model.
 */
export function cataloguePrices(
  adapter: string,
  modelId: string,
  inputTokens: number,
  at: Date
): PriceSheet | null {
  const providerId = CATALOGUE_PROVIDER[adapter];
  if (adapter === 'deepl' || adapter === 'ollama') return null;
  let result;
  try {
    result = calcPrice({ input_tokens: Math.max(inputTokens, 1), output_tokens: 0 }, modelId, {
      providerId,
      timestamp: at,
    });
  } catch {
    return null;
  }
  if (!result) return null;
  const prices = result.model_price as Record<string, CataloguePrice>;
  const audioHour = priceAt(prices.audio_hours ?? prices.input_audio_hours, inputTokens);
  return {
    ...EMPTY_PRICES,
    input: priceAt(prices.input_mtok, inputTokens),
    output: priceAt(prices.output_mtok, inputTokens),
    cacheRead: priceAt(prices.cache_read_mtok, inputTokens),
    cacheWrite: priceAt(prices.cache_write_mtok, inputTokens),
    audioMinute: audioHour === null ? null : audioHour / 60n,
  };
}

/** Whether the catalogue prices a model by prompt size (a tier above some number of input tokens). */
export function isCatalogueTiered(adapter: string, modelId: string, at: Date): boolean {
  if (adapter === 'deepl' || adapter === 'ollama') return false;
  let result;
  try {
    result = calcPrice({ input_tokens: 1, output_tokens: 0 }, modelId, {
      providerId: CATALOGUE_PROVIDER[adapter],
      timestamp: at,
    });
  } catch {
    return false;
  }
  const prices = (result?.model_price ?? {}) as Record<string, unknown>;
  return Object.values(prices).some(
    (price) =>
      !!price &&
      typeof price === 'object' &&
      Array.isArray((price as { tiers?: unknown }).tiers) &&
      (price as { tiers: unknown[] }).tiers.length > 0
  );
}
