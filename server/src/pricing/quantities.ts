import { UNIT_KIND, type ServiceType } from '../../../shared/services';
import { ZERO_QUANTITIES, type MeteredQuantities } from './cost';

/** Token counts as a language model reported them, plus whether we had to count them ourselves. */
export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  estimated: boolean;
}

/** What a call consumed: tokens, or units of its service's kind (images, characters, seconds). */
export interface Consumption {
  tokens?: TokenCounts;
  units?: number;
}

/** What a call consumed, in the units prices are quoted in (tokens, or the service's unit). */
export function quantitiesOf(service: ServiceType, consumed: Consumption): MeteredQuantities {
  const unitKind = UNIT_KIND[service];
  const tokens = consumed.tokens;
  return {
    ...ZERO_QUANTITIES,
    ...(tokens && {
      inputTokens: tokens.inputTokens,
      outputTokens: tokens.outputTokens,
      cacheReadTokens: tokens.cacheReadTokens,
      cacheWriteTokens: tokens.cacheWriteTokens,
    }),
    images: unitKind === 'images' ? (consumed.units ?? 0) : 0,
    characters: unitKind === 'characters' ? (consumed.units ?? 0) : 0,
    seconds: unitKind === 'seconds' ? (consumed.units ?? 0) : 0,
  };
}
