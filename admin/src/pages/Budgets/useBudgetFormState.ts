import { useState } from 'react';
import type { Budget } from '../../../../shared/contracts/budgets';
import { toState, type FormState } from './budgetFormState';

/** The form's fields, a setter per field, and `field(key)` to spread on a field's input. */
export function useBudgetFormState(initial?: Budget) {
  const [state, setState] = useState<FormState>(() => toState(initial));
  // The select answers numbers for numeric values: they are kept as text like the rest.
  const set = (key: string) => (value: string | number | boolean) =>
    setState((s) => ({ ...s, [key]: typeof value === 'number' ? String(value) : value }));
  const field = (key: string) => ({ name: key, value: String(state[key]), onChange: set(key) });
  return { state, set, field };
}

export type BudgetFormState = ReturnType<typeof useBudgetFormState>;
