import type { LlmError } from './errors';
import type { CallContext, ResolvedTarget } from './types';

/**
 * The most a call may use, known before it runs: what the budget gate reserves. Not an estimate:
 * a bound no provider's count can exceed (quantities.ts `promptTokenBound`), so a budget is never
 * overshot by a provider that counts more tokens than the plugin's own tokenizer would.
 */
export interface CallEstimate {
  /** At most this many prompt tokens, for any tokenizer. */
  inputTokensBound: number;
  /** The output cap, which the gateway also sends to the provider. */
  maxOutputTokens: number;
  /** Characters, images or seconds for unit-priced services (exact). */
  units: number;
}

/**
 * What a control admitted, told how the call ended: `settle` when the provider answered (with what
 * it cost; with the error too when the call failed but is billed, a stream the caller aborted),
 * `release` when nothing is owed — with the provider's error when the provider failed, without one
 * when a later control refused the call before any provider was asked.
 */
export interface Reservation {
  release(providerError?: LlmError): Promise<void>;
  settle(actualCostNano: bigint | null, tokens: number, error?: LlmError): Promise<void>;
}

/**
 * Checked before the provider is called (services/budget provides it); throws
 * LlmError('budget_exceeded') to refuse a call.
 */
export interface BudgetGate {
  /** `estimate` is lazy: counting prompt tokens costs CPU, and only a gate with a budget to check needs it. */
  reserve(
    target: ResolvedTarget,
    context: CallContext,
    estimate: () => CallEstimate
  ): Promise<Reservation>;
}

/** What a gate returns for a call no budget applies to. */
export const NO_RESERVATION: Reservation = { release: async () => {}, settle: async () => {} };
