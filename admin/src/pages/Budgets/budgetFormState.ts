import type { BudgetProblemPath, BudgetDraft } from '../../../../shared/budget-rules';
import { isBlank } from '../../../../shared/budget-rules';
import type { Budget, BudgetInput } from '../../../../shared/contracts/budgets';
import { msg } from '../../hooks/useTranslate';

/** The form's fields as typed: text (numbers included) and the Active switch. */
export type FormState = Record<string, string | boolean>;

/** A message under each field that has a problem (`limits`: none of the six limits is set). */
export type FormErrors = Partial<Record<BudgetProblemPath, string>>;

export const LIMIT_FIELDS = [
  ['dailyCost', msg('budgets.form.dailyCost', 'Daily cost (USD)')],
  ['monthlyCost', msg('budgets.form.monthlyCost', 'Monthly cost (USD)')],
  ['dailyTokens', msg('budgets.form.dailyTokens', 'Daily tokens')],
  ['monthlyTokens', msg('budgets.form.monthlyTokens', 'Monthly tokens')],
  ['dailyRequests', msg('budgets.form.dailyRequests', 'Daily requests')],
  ['monthlyRequests', msg('budgets.form.monthlyRequests', 'Monthly requests')],
] as const;

const COUNT_FIELDS = ['dailyTokens', 'monthlyTokens', 'dailyRequests', 'monthlyRequests'] as const;

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

export function toState(budget?: Budget): FormState {
  return {
    name: text(budget?.name),
    scope: budget?.scope ?? 'user',
    userId: text(budget?.userId),
    roleId: text(budget?.roleId),
    apiTokenId: text(budget?.apiTokenId),
    ...Object.fromEntries(LIMIT_FIELDS.map(([key]) => [key, text(budget?.[key])])),
    alertThresholds: (budget?.alertThresholds ?? [80, 100]).join(', '),
    onExceed: budget?.onExceed ?? 'block',
    fallbackConfigurationId: text(budget?.fallbackConfigurationId),
    active: budget?.active ?? true,
  };
}

/** "80, 100" → [80, 100]; a part that is no number stays NaN, so the shared rule refuses it. */
const thresholds = (value: string | boolean) =>
  String(value)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));

/**
 * The budget as the server will read it, numbers still as the digits typed: what the shared rules
 * (shared/budget-rules.ts) check before anything is sent. Ids the scope does not use are dropped.
 */
export function toDraft(state: FormState): BudgetDraft {
  const trimmed = (key: string) => String(state[key]).trim();
  return {
    name: String(state.name),
    scope: state.scope,
    userId: state.scope === 'user' ? trimmed('userId') : null,
    roleId: state.scope === 'role' ? trimmed('roleId') : null,
    apiTokenId: state.scope === 'apiToken' ? trimmed('apiTokenId') : null,
    ...Object.fromEntries(LIMIT_FIELDS.map(([key]) => [key, trimmed(key)])),
    alertThresholds: thresholds(state.alertThresholds),
    onExceed: state.onExceed,
    fallbackConfigurationId:
      state.onExceed === 'fallback' ? trimmed('fallbackConfigurationId') : null,
    active: Boolean(state.active),
  };
}

/** The request body of a draft the rules accepted: empty text is "no limit", digits are numbers. */
export function toInput(state: FormState): BudgetInput {
  const draft = toDraft(state);
  const whole = (value: unknown) => (isBlank(value) ? null : Number(value));
  const usd = (value: unknown) => (isBlank(value) ? null : String(value));
  return {
    ...(draft as BudgetInput),
    userId: whole(draft.userId),
    roleId: whole(draft.roleId),
    apiTokenId: whole(draft.apiTokenId),
    dailyCost: usd(draft.dailyCost),
    monthlyCost: usd(draft.monthlyCost),
    ...Object.fromEntries(COUNT_FIELDS.map((key) => [key, whole(draft[key])])),
    fallbackConfigurationId: whole(draft.fallbackConfigurationId),
  };
}
