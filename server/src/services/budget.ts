import { openGate, type BudgetGate } from '../gateway/budget-seam';

/**
 * `strapi.plugin('llm').service('budget')`: the gate every call passes before its provider is
 * called. Until budgets exist it admits every call.
 */
export default () => {
  let gate: BudgetGate = openGate;
  return {
    gate: () => gate,
    /** Lets the budgets feature (or a test) install its gate. */
    use(next: BudgetGate) {
      gate = next;
    },
  };
};
