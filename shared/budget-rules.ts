/**
 * What makes a budget valid, written once: the server's schema (server/src/controllers/validation/
 * budget.ts) runs these checks field by field, and the admin's form runs the same ones before it
 * sends anything, so the two can never disagree about what is accepted.
 */
import type { BudgetInput } from './contracts/budgets';

export const BUDGET_NAME_MAX_LENGTH = 120;
/** Cost limits: more than $0, at most $1,000,000, exact decimal text with up to 9 decimals. */
export const BUDGET_MAX_COST_USD = 1_000_000;
export const BUDGET_MAX_TOKENS = 1e15;
export const BUDGET_MAX_REQUESTS = 1e9;
export const BUDGET_MAX_THRESHOLDS = 10;
/** A record id as Strapi stores it: 1 … 2³¹ − 1 (PostgreSQL's integer). */
export const RECORD_ID_MAX = 2 ** 31 - 1;

/** Who a budget applies to: one user, each member of a role, the whole site, or one API token. */
export const BUDGET_SCOPES = ['user', 'role', 'site', 'apiToken'] as const;

export const BUDGET_LIMIT_FIELDS = [
  'dailyCost',
  'monthlyCost',
  'dailyTokens',
  'monthlyTokens',
  'dailyRequests',
  'monthlyRequests',
] as const;
export type BudgetLimitField = (typeof BUDGET_LIMIT_FIELDS)[number];

/** Where a problem is: a field of the budget, or `limits` (not one of the six limits is set). */
export type BudgetProblemPath = keyof BudgetInput | 'limits';

/** A budget as sent, or as the form holds it (numbers may still be digit text). */
export type BudgetDraft = Partial<Record<keyof BudgetInput, unknown>>;

const USD_TEXT = /^(\d{1,9})(?:\.(\d{1,9}))?$/;

/** No value: a limit left empty means "no limit". */
export const isBlank = (value: unknown) => value === null || value === undefined || value === '';

/** "25", "0.50": exact decimal USD text (never a JSON number, which is a float), in range. */
export function isBudgetCost(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = USD_TEXT.exec(value);
  if (!match) return false;
  const nano = BigInt(match[1]) * 1_000_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
  return nano > 0n && nano <= BigInt(BUDGET_MAX_COST_USD) * 1_000_000_000n;
}

/** A whole number from 1 to `max`, as a number or as digits (forms send text). */
export function isWholeNumber(value: unknown, max: number): boolean {
  if (typeof value === 'string' && !/^\d+$/.test(value)) return false;
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max;
}

const optional = (check: (value: unknown) => boolean) => (value: unknown) =>
  isBlank(value) || check(value);

const requiredWhen =
  (key: keyof BudgetInput, expected: string) => (value: unknown, budget: BudgetDraft) =>
    budget[key] !== expected || isWholeNumber(value, RECORD_ID_MAX);

/** Each field's rule: is this value acceptable, given the rest of the budget? */
export const BUDGET_FIELD_RULES: Record<
  keyof BudgetInput,
  (value: unknown, budget: BudgetDraft) => boolean
> = {
  name: (name) =>
    typeof name === 'string' && name.trim() !== '' && name.length <= BUDGET_NAME_MAX_LENGTH,
  scope: (scope) => (BUDGET_SCOPES as readonly unknown[]).includes(scope),
  userId: requiredWhen('scope', 'user'),
  roleId: requiredWhen('scope', 'role'),
  apiTokenId: requiredWhen('scope', 'apiToken'),
  dailyCost: optional(isBudgetCost),
  monthlyCost: optional(isBudgetCost),
  dailyTokens: optional((v) => isWholeNumber(v, BUDGET_MAX_TOKENS)),
  monthlyTokens: optional((v) => isWholeNumber(v, BUDGET_MAX_TOKENS)),
  dailyRequests: optional((v) => isWholeNumber(v, BUDGET_MAX_REQUESTS)),
  monthlyRequests: optional((v) => isWholeNumber(v, BUDGET_MAX_REQUESTS)),
  // A list of numbers: text ("50,90", ["50"]) is refused, never read as a list.
  alertThresholds: (list) =>
    list === null ||
    list === undefined ||
    (Array.isArray(list) &&
      list.length <= BUDGET_MAX_THRESHOLDS &&
      list.every((t) => typeof t === 'number' && Number.isInteger(t) && t >= 1 && t <= 100)),
  onExceed: (value) =>
    value === null || value === undefined || value === 'block' || value === 'fallback',
  fallbackConfigurationId: requiredWhen('onExceed', 'fallback'),
  active: (value) => value === undefined || typeof value === 'boolean',
};

/** At least one of the six limits is set (a budget without any would limit nothing). */
export const hasLimit = (budget: BudgetDraft) =>
  BUDGET_LIMIT_FIELDS.some((field) => !isBlank(budget[field]));

/** Every problem of a budget, in the form's order; none when the server would accept it. */
export function budgetProblems(budget: BudgetDraft): BudgetProblemPath[] {
  const fields = Object.keys(BUDGET_FIELD_RULES) as Array<keyof BudgetInput>;
  const problems: BudgetProblemPath[] = fields.filter(
    (field) => !BUDGET_FIELD_RULES[field](budget[field], budget)
  );
  return hasLimit(budget) ? problems : [...problems, 'limits'];
}

/** The server's message for each problem (English; the admin shows its own translation). */
export const BUDGET_MESSAGES: Record<BudgetProblemPath, string> = {
  name: `Enter a name of at most ${BUDGET_NAME_MAX_LENGTH} characters`,
  scope:
    'Choose who the budget applies to: one user, each member of a role, the whole site, or one API token',
  userId: 'Choose the user this budget applies to',
  roleId: 'Choose the role this budget applies to',
  apiTokenId: 'Choose the API token this budget applies to',
  dailyCost:
    'The daily cost limit must be an amount in USD above 0 and at most 1,000,000, such as 25 or 0.50',
  monthlyCost:
    'The monthly cost limit must be an amount in USD above 0 and at most 1,000,000, such as 25 or 0.50',
  dailyTokens: 'The daily token limit must be a whole number from 1 to 1,000,000,000,000,000',
  monthlyTokens: 'The monthly token limit must be a whole number from 1 to 1,000,000,000,000,000',
  dailyRequests: 'The daily request limit must be a whole number from 1 to 1,000,000,000',
  monthlyRequests: 'The monthly request limit must be a whole number from 1 to 1,000,000,000',
  alertThresholds: `Alert thresholds must be a list of up to ${BUDGET_MAX_THRESHOLDS} whole percentages from 1 to 100, such as 80, 100`,
  onExceed: 'Choose what happens to a call over the limit: block it or fall back',
  fallbackConfigurationId: 'Choose the configuration to fall back to',
  active: 'Active must be on or off',
  limits: 'Set at least one limit: a cost, tokens or requests, per day or per month',
};
