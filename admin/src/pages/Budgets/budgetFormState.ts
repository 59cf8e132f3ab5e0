import type { Budget, BudgetInput } from '../../../../shared/contracts/budgets';
import { msg } from '../../hooks/useTranslate';

/** The form's fields as typed: text (numbers included) and the Active toggle. */
export type FormState = Record<string, string | boolean>;

export const LIMIT_FIELDS = [
  ['dailyCost', msg('budgets.form.dailyCost', 'Daily cost (USD)')],
  ['monthlyCost', msg('budgets.form.monthlyCost', 'Monthly cost (USD)')],
  ['dailyTokens', msg('budgets.form.dailyTokens', 'Daily tokens')],
  ['monthlyTokens', msg('budgets.form.monthlyTokens', 'Monthly tokens')],
  ['dailyRequests', msg('budgets.form.dailyRequests', 'Daily requests')],
  ['monthlyRequests', msg('budgets.form.monthlyRequests', 'Monthly requests')],
] as const;

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

export function toState(budget?: Budget): FormState {
  return {
    name: text(budget?.name),
    scope: budget?.scope ?? 'user',
    userId: text(budget?.userId),
    roleId: text(budget?.roleId),
    ...Object.fromEntries(LIMIT_FIELDS.map(([key]) => [key, text(budget?.[key])])),
    alertThresholds: (budget?.alertThresholds ?? [80, 100]).join(', '),
    onExceed: budget?.onExceed ?? 'block',
    fallbackConfigurationId: text(budget?.fallbackConfigurationId),
    active: budget?.active ?? true,
  };
}

/** Empty text means "no limit"; the server validates and answers with a message naming the field. */
export function toInput(state: FormState): BudgetInput {
  const optional = (key: string) => (state[key] === '' ? null : String(state[key]).trim());
  const count = (key: string) => (state[key] === '' ? null : Number(state[key]));
  return {
    name: String(state.name),
    scope: state.scope as BudgetInput['scope'],
    userId: state.scope === 'user' ? count('userId') : null,
    roleId: state.scope === 'role' ? count('roleId') : null,
    dailyCost: optional('dailyCost'),
    monthlyCost: optional('monthlyCost'),
    dailyTokens: count('dailyTokens'),
    monthlyTokens: count('monthlyTokens'),
    dailyRequests: count('dailyRequests'),
    monthlyRequests: count('monthlyRequests'),
    alertThresholds: String(state.alertThresholds)
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
      .map(Number),
    onExceed: state.onExceed as BudgetInput['onExceed'],
    fallbackConfigurationId:
      state.onExceed === 'fallback' ? count('fallbackConfigurationId') : null,
    active: Boolean(state.active),
  };
}
