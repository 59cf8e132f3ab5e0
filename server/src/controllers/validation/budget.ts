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
    // Checked as sent (no casting a number to text); trimmed when the input is built.
    name: yup
      .mixed<string>()
      .test(
        'name',
        'name is required (at most 120 characters)',
        (name) => typeof name === 'string' && name.trim() !== '' && name.length <= 120
      ),
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
    // Strict: yup would otherwise read a string as JSON and turn what is not a list into null.
    alertThresholds: yup
      .mixed<number[]>()
      .nullable()
      .test(
        'thresholds',
        'alertThresholds must be up to 10 whole percentages from 1 to 100',
        (list) =>
          list === null ||
          list === undefined ||
          (Array.isArray(list) &&
            list.length <= 10 &&
            list.every((t) => Number.isInteger(t) && t >= 1 && t <= 100))
      ),
    onExceed: yup
      .mixed<BudgetInput['onExceed']>()
      .nullable()
      .oneOf(['block', 'fallback', null, undefined], 'onExceed must be block or fallback'),
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
  // Only the ids the scope and onExceed use are checked (and kept); the others are ignored.
  const sent = body as Record<string, unknown>;
  const valid = await validate(BUDGET_SCHEMA, {
    ...sent,
    userId: sent.scope === 'user' ? sent.userId : null,
    roleId: sent.scope === 'role' ? sent.roleId : null,
    fallbackConfigurationId: sent.onExceed === 'fallback' ? sent.fallbackConfigurationId : null,
  });
  const limit = <T>(value: T | null | undefined) => value ?? null;
  const onExceed = valid.onExceed ?? 'block';
  return {
    name: (valid.name as string).trim(),
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
