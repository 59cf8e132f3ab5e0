import type { BudgetGate } from '../gateway/budget-seam';
import type { CallControl } from '../gateway/controls';

/** The budget gate as the gateway's last control: it reserves the call's worst case, or refuses. */
export const budgetControl = (gate: BudgetGate): CallControl => ({
  name: 'budget',
  admit: (target, context, estimate) => gate.reserve(target, context, estimate),
});
