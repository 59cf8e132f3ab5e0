import { errors } from '@strapi/utils';
import { configurationLifecycles, type LifecycleEvent } from '../../lifecycles/shared';
import { isPriceText } from '../../pricing/money';
import { MODEL_CAPABILITIES } from '../../../../shared/contracts/providers';

const PRICE_FIELDS = [
  'priceInput',
  'priceOutput',
  'priceCacheRead',
  'priceCacheWrite',
  'priceImage',
  'priceCharacters',
  'priceAudioMinute',
];

/** Model writes: prices are exact decimal text; '' means "use the catalogue" and is stored as null. */
function beforeModelWrite(event: LifecycleEvent) {
  const data = event.params.data;
  if (!data) return;
  for (const field of PRICE_FIELDS) {
    const value = data[field];
    if (value === undefined || value === null) continue;
    if (value === '') {
      data[field] = null;
      continue;
    }
    if (!isPriceText(value)) {
      throw new errors.ValidationError(
        `${field} must be a price in USD such as "0.075" (at most 9 decimals), got ${JSON.stringify(value)}`
      );
    }
  }
  if (data.capabilities !== undefined && data.capabilities !== null) {
    const known: readonly string[] = MODEL_CAPABILITIES;
    if (
      !Array.isArray(data.capabilities) ||
      data.capabilities.some((c: unknown) => !known.includes(c as string))
    ) {
      throw new errors.ValidationError(
        `capabilities must be a list drawn from ${known.join(', ')}`
      );
    }
  }
}

export default configurationLifecycles(beforeModelWrite);
