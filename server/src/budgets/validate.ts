import { errors } from '@strapi/utils';
import type { BudgetInput } from '../../../shared/contracts/budgets';
import { isPriceText, parseUsd } from '../pricing/money';

const MAX_COST_NANO = 1_000_000n * 1_000_000_000n;

const fail = (message: string, path: string) => {
  throw new errors.ValidationError(message, {
    errors: [{ path: [path], message, name: 'ValidationError' }],
  });
};

const optionalCount = (value: unknown, path: string, max: number): number | null => {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0 || n > max)
    fail(`${path} must be a whole number from 1 to ${max}`, path);
  return n as number;
};

const optionalCost = (value: unknown, path: string): string | null => {
  if (value === undefined || value === null || value === '') return null;
  if (!isPriceText(value))
    return fail(`${path} must be an amount in USD such as "25" or "0.50"`, path);
  const nano = parseUsd(value)!;
  if (nano <= 0n || nano > MAX_COST_NANO)
    fail(`${path} must be more than $0 and at most $1,000,000`, path);
  return value;
};

/** Checks an admin's budget form; every problem is a 400 that names the field. */
export function validateBudget(body: unknown): BudgetInput {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return fail('The request body must be a budget object', 'body');
  const b = body as Record<string, unknown>;
  if (typeof b.name !== 'string' || b.name.trim() === '' || b.name.length > 120)
    fail('name is required (at most 120 characters)', 'name');
  if (!['user', 'role', 'site'].includes(b.scope as string))
    fail('scope must be user, role or site', 'scope');
  const scope = b.scope as BudgetInput['scope'];
  const userId = scope === 'user' ? optionalCount(b.userId, 'userId', 2 ** 31 - 1) : null;
  const roleId = scope === 'role' ? optionalCount(b.roleId, 'roleId', 2 ** 31 - 1) : null;
  if (scope === 'user' && userId === null) fail('A user budget needs a user', 'userId');
  if (scope === 'role' && roleId === null) fail('A role budget needs a role', 'roleId');

  const limits = {
    dailyCost: optionalCost(b.dailyCost, 'dailyCost'),
    monthlyCost: optionalCost(b.monthlyCost, 'monthlyCost'),
    dailyTokens: optionalCount(b.dailyTokens, 'dailyTokens', 1e15),
    monthlyTokens: optionalCount(b.monthlyTokens, 'monthlyTokens', 1e15),
    dailyRequests: optionalCount(b.dailyRequests, 'dailyRequests', 1e9),
    monthlyRequests: optionalCount(b.monthlyRequests, 'monthlyRequests', 1e9),
  };
  if (Object.values(limits).every((v) => v === null))
    fail('Set at least one limit (cost, tokens or requests, per day or per month)', 'limits');

  let alertThresholds = [80, 100];
  if (b.alertThresholds !== undefined && b.alertThresholds !== null) {
    const t = b.alertThresholds;
    if (
      !Array.isArray(t) ||
      t.length > 10 ||
      t.some((x) => !Number.isInteger(x) || x < 1 || x > 100)
    ) {
      fail('alertThresholds must be up to 10 whole percentages from 1 to 100', 'alertThresholds');
    }
    alertThresholds = [...new Set(t as number[])].sort((x, y) => x - y);
  }
  const onExceed = (b.onExceed ?? 'block') as BudgetInput['onExceed'];
  if (!['block', 'fallback'].includes(onExceed))
    fail('onExceed must be block or fallback', 'onExceed');
  const fallbackConfigurationId =
    onExceed === 'fallback'
      ? optionalCount(b.fallbackConfigurationId, 'fallbackConfigurationId', 2 ** 31 - 1)
      : null;
  if (onExceed === 'fallback' && fallbackConfigurationId === null)
    fail('Falling back needs a configuration to fall back to', 'fallbackConfigurationId');
  if (b.active !== undefined && typeof b.active !== 'boolean')
    fail('active must be true or false', 'active');

  return {
    name: (b.name as string).trim(),
    scope,
    userId,
    roleId,
    ...limits,
    alertThresholds,
    onExceed,
    fallbackConfigurationId,
    active: b.active !== false,
  };
}
