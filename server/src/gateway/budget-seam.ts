import type { CallContext, ResolvedTarget } from './types';

/** The worst case a call may cost, estimated before it runs (the budgets issue fills this in). */
export interface CallEstimate {
  inputTokens: number;
  maxOutputTokens: number;
  units: number;
}

export interface Reservation {
  release(): Promise<void>;
  settle(actualCostNano: bigint | null, tokens: number): Promise<void>;
}

/**
 * Checked before the provider is called (services/budget provides it); throws
 * LlmError('budget_exceeded') to refuse a call.
 */
export interface BudgetGate {
  /** `estimate` is lazy: counting prompt tokens costs CPU, and only a gate with a budget to check needs it. */
  reserve(target: ResolvedTarget, context: CallContext, estimate: () => CallEstimate): Promise<Reservation>;
}

/** What a gate returns for a call no budget applies to. */
export const NO_RESERVATION: Reservation = { release: async () => {}, settle: async () => {} };
