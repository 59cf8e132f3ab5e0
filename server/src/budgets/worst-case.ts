import type { CallEstimate } from '../gateway/budget-seam';
import type { CallContext, ResolvedTarget } from '../gateway/types';
import type { MeteredQuantities } from '../pricing/cost';
import { cacheWritesMayCostMore, type PricedCall } from '../pricing/price-sheet';
import { quantitiesOf } from '../pricing/quantities';
import type { Amount } from './amount';

export type PriceFn = (
  target: ResolvedTarget,
  quantities: MeteredQuantities,
  at: Date
) => PricedCall;

/**
 * What a call may use at most: its prompt's token bound plus the output cap it sends, priced at
 * the dearer of the input and cache-write rates (a provider may write every prompt token to its
 * cache). Reserving the bound, not an estimate, is what keeps a budget from being overshot by a
 * provider that counts more tokens than the plugin's tokenizer (docs/RELIABILITY.md).
 */
export function worstCase(
  price: PriceFn,
  target: ResolvedTarget,
  context: Pick<CallContext, 'service'>,
  estimate: CallEstimate,
  at: Date
): Amount {
  const input = estimate.inputTokensBound;
  const tokens = {
    inputTokens: input,
    outputTokens: estimate.maxOutputTokens,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    estimated: true,
  };
  const costWith = (cacheWriteTokens: number) =>
    price(
      target,
      quantitiesOf(context.service, {
        tokens: { ...tokens, cacheWriteTokens },
        units: estimate.units,
      }),
      at
    ).costNano;
  const plain = costWith(0);
  // Priced a second time only when it can matter (a catalogue lookup per call is not free).
  const cached =
    input > 0 && cacheWritesMayCostMore(target.model, target.provider.adapter, at)
      ? costWith(input)
      : plain;
  // An unpriced model reserves no cost: a pricing gap must not block anyone (token and request limits still hold).
  const costNano = (plain ?? 0n) > (cached ?? 0n) ? (plain ?? 0n) : (cached ?? 0n);
  return { costNano, tokens: BigInt(input + estimate.maxOutputTokens), requests: 1n };
}
