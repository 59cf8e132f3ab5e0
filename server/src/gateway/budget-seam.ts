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
 * Checked before the provider is called. The default admits every call; the budgets service
 * replaces it and throws LlmError('budget_exceeded') to refuse one.
 */
export interface BudgetGate {
  /** `estimate` is lazy: counting prompt tokens costs CPU, and only a gate with a budget to check needs it. */
  reserve(target: ResolvedTarget, context: CallContext, estimate: () => CallEstimate): Promise<Reservation>;
}

const NOTHING_RESERVED: Reservation = { release: async () => {}, settle: async () => {} };

export const openGate: BudgetGate = { reserve: async () => NOTHING_RESERVED };
