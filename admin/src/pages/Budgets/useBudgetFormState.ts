import { useState } from 'react';
import type { Budget } from '../../../../shared/contracts/budgets';
import { LIMIT_FIELDS, toState, type FormErrors, type FormState } from './budgetFormState';

const LIMIT_KEYS = new Set<string>(LIMIT_FIELDS.map(([key]) => key));

/**
 * The form's fields, a setter per field, their errors, and `field(key)` to spread on a field's
 * input (its value, its setter and its error). Changing a field clears its error, and changing a
 * limit clears "set at least one limit".
 */
export function useBudgetFormState(initial?: Budget) {
  const [state, setState] = useState<FormState>(() => toState(initial));
  const [errors, setErrors] = useState<FormErrors>({});
  // The select answers numbers for numeric values: they are kept as text like the rest.
  const set = (key: string) => (value: string | number | boolean) => {
    setState((s) => ({ ...s, [key]: typeof value === 'number' ? String(value) : value }));
    setErrors((e) => {
      const next = { ...e };
      delete next[key as keyof FormErrors];
      if (LIMIT_KEYS.has(key)) delete next.limits;
      return next;
    });
  };
  const field = (key: string) => ({
    name: key,
    value: String(state[key]),
    onChange: set(key),
    error: errors[key as keyof FormErrors],
  });
  return { state, set, field, errors, setErrors };
}

export type BudgetFormState = ReturnType<typeof useBudgetFormState>;
