import type { CallEstimate, Reservation } from './budget-seam';
import { NO_RESERVATION } from './budget-seam';
import type { CallContext, ResolvedTarget } from './types';

/**
 * One check a call passes before any provider is asked: the allow-list, the rate limits, the
 * budgets — in that order (services/llm.ts lists them). A control refuses by throwing an LlmError
 * with a refused code (usage/metrics.ts REFUSED_CODES); the meter records the refusal as a usage
 * row. What a control admits it may hold (a budget's reservation) until the call ends.
 */
export interface CallControl {
  /** Names the control in logs and benchmarks. */
  readonly name: string;
  /** `estimate` is lazy: counting prompt tokens costs CPU, and most controls never need it. */
  admit(
    target: ResolvedTarget,
    context: CallContext,
    estimate: () => CallEstimate
  ): Promise<Reservation>;
}

/** The admissions of every control as one: settled or released together, in order. */
export function combineAdmissions(admissions: Reservation[]): Reservation {
  if (admissions.length === 0) return NO_RESERVATION;
  if (admissions.length === 1) return admissions[0];
  return {
    release: async (providerError) => {
      for (const admission of admissions) await admission.release(providerError);
    },
    settle: async (costNano, tokens, error) => {
      for (const admission of admissions) await admission.settle(costNano, tokens, error);
    },
  };
}

/**
 * Runs the controls in order. The first refusal releases what the earlier ones admitted (a rate
 * limit that refuses must not leave a budget reserved) and is rethrown.
 */
export async function admitAll(
  controls: readonly CallControl[],
  target: ResolvedTarget,
  context: CallContext,
  estimate: () => CallEstimate
): Promise<Reservation> {
  const admissions: Reservation[] = [];
  try {
    for (const control of controls) admissions.push(await control.admit(target, context, estimate));
  } catch (error) {
    await combineAdmissions(admissions).release();
    throw error;
  }
  return combineAdmissions(admissions);
}
