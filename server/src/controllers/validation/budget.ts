import type { BudgetInput } from '../../../../shared/contracts/budgets';
import { isPriceText, parseUsd } from '../../pricing/money';
import { emptyToNull, recordIdSchema, validate, wholeNumber, yup } from './validate';

const MAX_COST_NANO = 1_000_000n * 1_000_000_000n;
const LIMITS = [
  'dailyCost',
  'monthlyCost',
  'dailyTokens',
  'monthlyTokens',
  'dailyRequests',
  'monthlyRequests',
] as const;

/** A USD amount as exact decimal text ("25", "0.50"): never a JSON number, which is a float. */
const cost = (path: string) =>
  yup
    .mixed<string>()
    .nullable()
    .transform(emptyToNull)
    .test('usd', `${path} must be an amount in USD such as "25" or "0.50"`, (value) =>
      value === null || value === undefined ? true : isPriceText(value)
    )
    .test('range', `${path} must be more than $0 and at most $1,000,000`, (value) => {
      if (value === null || value === undefined || !isPriceText(value)) return true;
      const nano = parseUsd(value)!;
      return nano > 0n && nano <= MAX_COST_NANO;
    });

const count = (path: string, max: number) =>
  wholeNumber(path, max).nullable().transform(emptyToNull);

/** A budget as the admin's form sends it. The same rules hold for create and update. */
export const BUDGET_SCHEMA = yup
  .object({
    name: yup
      .string()
      .typeError('name is required (at most 120 characters)')
      .trim()
      .required('name is required (at most 120 characters)')
      .max(120, 'name is required (at most 120 characters)'),
    scope: yup
      .mixed<BudgetInput['scope']>()
      .oneOf(['user', 'role', 'site'], 'scope must be user, role or site')
      .required('scope must be user, role or site'),
    userId: recordIdSchema('userId')
      .nullable()
      .transform(emptyToNull)
      .when('scope', {
        is: 'user',
        then: (schema) => schema.required('A user budget needs a user'),
      }),
    roleId: recordIdSchema('roleId')
      .nullable()
      .transform(emptyToNull)
      .when('scope', {
        is: 'role',
        then: (schema) => schema.required('A role budget needs a role'),
      }),
    dailyCost: cost('dailyCost'),
    monthlyCost: cost('monthlyCost'),
    dailyTokens: count('dailyTokens', 1e15),
    monthlyTokens: count('monthlyTokens', 1e15),
    dailyRequests: count('dailyRequests', 1e9),
    monthlyRequests: count('monthlyRequests', 1e9),
    alertThresholds: yup
      .array(
        yup
          .number()
          .strict()
          .integer()
          .min(1)
          .max(100)
          .typeError('alertThresholds must be up to 10 whole percentages from 1 to 100')
      )
      .nullable()
      .max(10, 'alertThresholds must be up to 10 whole percentages from 1 to 100')
      .typeError('alertThresholds must be up to 10 whole percentages from 1 to 100'),
    onExceed: yup
      .mixed<BudgetInput['onExceed']>()
      .oneOf(['block', 'fallback'], 'onExceed must be block or fallback')
      .nullable(),
    fallbackConfigurationId: recordIdSchema('fallbackConfigurationId')
      .nullable()
      .transform(emptyToNull)
      .when('onExceed', {
        is: 'fallback',
        then: (schema) => schema.required('Falling back needs a configuration to fall back to'),
      }),
    active: yup.boolean().strict().typeError('active must be true or false'),
  })
  .typeError('The request body must be a budget object')
  .required('The request body must be a budget object')
  .test(
    'limits',
    'Set at least one limit (cost, tokens or requests, per day or per month)',
    (budget) =>
      !budget || LIMITS.some((limit) => budget[limit] !== null && budget[limit] !== undefined)
  );

/** Checks an admin's budget form; every problem is a 400 that names the field. */
export async function validateBudget(body: unknown): Promise<BudgetInput> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return validate(BUDGET_SCHEMA, null) as never;
  const valid = await validate(BUDGET_SCHEMA, body);
  const limit = <T>(value: T | null | undefined) => value ?? null;
  const onExceed = valid.onExceed ?? 'block';
  return {
    name: valid.name,
    scope: valid.scope,
    userId: valid.scope === 'user' ? limit(valid.userId) : null,
    roleId: valid.scope === 'role' ? limit(valid.roleId) : null,
    ...Object.fromEntries(LIMITS.map((field) => [field, limit(valid[field])])),
    alertThresholds: valid.alertThresholds
      ? [...new Set(valid.alertThresholds as number[])].sort((x, y) => x - y)
      : [80, 100],
    onExceed,
    fallbackConfigurationId: onExceed === 'fallback' ? limit(valid.fallbackConfigurationId) : null,
    active: valid.active !== false,
  } as BudgetInput;
}
