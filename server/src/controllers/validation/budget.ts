import type { BudgetInput } from '../../../../shared/contracts/budgets';
import {
  BUDGET_FIELD_RULES,
  BUDGET_LIMIT_FIELDS,
  BUDGET_MESSAGES,
  hasLimit,
  isBlank,
  type BudgetDraft,
} from '../../../../shared/budget-rules';
import { validate, yup } from './validate';

const FIELDS = Object.keys(BUDGET_FIELD_RULES) as Array<keyof BudgetInput>;
const BODY_MESSAGE = 'The request body must be a budget object';

/**
 * One field, checked as sent (no casting: a number where text is due is refused, not converted) by
 * the rule the admin's form runs too (shared/budget-rules.ts); its problem is keyed by the field.
 */
const field = (key: keyof BudgetInput) =>
  yup.mixed().test(key, BUDGET_MESSAGES[key], function check(value: unknown) {
    return BUDGET_FIELD_RULES[key](value, this.parent as BudgetDraft);
  });

/**
 * A budget as the admin's form sends it; the same rules hold for create and update. Every problem
 * is reported at once, each under its field's path (`limits` when none of the six limits is set).
 */
export const BUDGET_SCHEMA = yup
  .object(Object.fromEntries(FIELDS.map((key) => [key, field(key)])))
  .typeError(BODY_MESSAGE)
  .required(BODY_MESSAGE)
  .test('limits', BUDGET_MESSAGES.limits, function limits(budget: unknown) {
    return (
      !budget ||
      hasLimit(budget as BudgetDraft) ||
      this.createError({ path: 'limits', message: BUDGET_MESSAGES.limits })
    );
  });

const text = (value: unknown) => (isBlank(value) ? null : String(value));
const whole = (value: unknown) => (isBlank(value) ? null : Number(value));

/** Checks an admin's budget form; every problem is a 400 whose `details.errors` name their fields. */
export async function validateBudget(body: unknown): Promise<BudgetInput> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return validate(BUDGET_SCHEMA, null) as never;
  // Only the ids the scope and onExceed use are checked (and kept); the others are ignored.
  const sent = body as BudgetDraft;
  const valid = (await validate(BUDGET_SCHEMA, {
    ...sent,
    userId: sent.scope === 'user' ? sent.userId : null,
    roleId: sent.scope === 'role' ? sent.roleId : null,
    apiTokenId: sent.scope === 'apiToken' ? sent.apiTokenId : null,
    fallbackConfigurationId: sent.onExceed === 'fallback' ? sent.fallbackConfigurationId : null,
  })) as BudgetDraft;
  const onExceed = (valid.onExceed ?? 'block') as BudgetInput['onExceed'];
  const thresholds = valid.alertThresholds as number[] | null | undefined;
  return {
    name: (valid.name as string).trim(),
    scope: valid.scope as BudgetInput['scope'],
    userId: valid.scope === 'user' ? whole(valid.userId) : null,
    roleId: valid.scope === 'role' ? whole(valid.roleId) : null,
    apiTokenId: valid.scope === 'apiToken' ? whole(valid.apiTokenId) : null,
    dailyCost: text(valid.dailyCost),
    monthlyCost: text(valid.monthlyCost),
    ...Object.fromEntries(
      BUDGET_LIMIT_FIELDS.filter((f) => !f.endsWith('Cost')).map((f) => [f, whole(valid[f])])
    ),
    alertThresholds: thresholds ? [...new Set(thresholds)].sort((x, y) => x - y) : [80, 100],
    onExceed,
    fallbackConfigurationId: onExceed === 'fallback' ? whole(valid.fallbackConfigurationId) : null,
    active: valid.active !== false,
  };
}
