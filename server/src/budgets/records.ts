import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../content-types/schemas';
import type { Budget, BudgetInput, WindowUsage } from '../../../shared/contracts/budgets';
import type { BudgetRecord } from './limits';

const tokensOf = (value: string | number | null | undefined) =>
  value === null || value === undefined ? null : Number(value);
const tokensText = (value: number | null | undefined) =>
  value === null || value === undefined ? null : String(value);

/** A stored budget as the admin API returns it, with its windows' usage. */
export const toBudget = (record: BudgetRecord, usage: WindowUsage[]): Budget => ({
  id: record.id,
  name: record.name,
  scope: record.scope,
  userId: record.userId ?? null,
  roleId: record.roleId ?? null,
  apiTokenId: record.apiTokenId ?? null,
  dailyCost: record.dailyCost ?? null,
  monthlyCost: record.monthlyCost ?? null,
  dailyTokens: tokensOf(record.dailyTokens),
  monthlyTokens: tokensOf(record.monthlyTokens),
  dailyRequests: record.dailyRequests ?? null,
  monthlyRequests: record.monthlyRequests ?? null,
  alertThresholds: record.alertThresholds ?? [80, 100],
  onExceed: record.onExceed,
  fallbackConfigurationId: record.fallbackConfigurationId ?? null,
  active: record.active,
  usage,
});

/** Validated input as the record stores it (token limits are bigint columns: text). */
export const recordDataOf = (input: BudgetInput) => ({
  ...input,
  dailyTokens: tokensText(input.dailyTokens),
  monthlyTokens: tokensText(input.monthlyTokens),
});

/** A 400 whose one problem sits under a field of the budget form. */
const fieldError = (path: keyof BudgetInput, message: string) =>
  new errors.ValidationError(message, {
    errors: [{ path: [path], message, name: 'ValidationError' }],
  });

/** The user, role, API token and fallback configuration a budget names must exist. */
export async function checkReferences(strapi: Core.Strapi, input: BudgetInput) {
  const exists = async (uid: string, id: number) =>
    (await strapi.db.query(uid as typeof UID.budget).count({ where: { id } })) > 0;
  if (input.scope === 'user' && !(await exists('admin::user', input.userId!)))
    throw fieldError('userId', `There is no admin user ${input.userId}: choose another user`);
  if (input.scope === 'role' && !(await exists('admin::role', input.roleId!)))
    throw fieldError('roleId', `There is no admin role ${input.roleId}: choose another role`);
  if (input.scope === 'apiToken' && !(await exists('admin::api-token', input.apiTokenId!)))
    throw fieldError(
      'apiTokenId',
      `There is no API token ${input.apiTokenId}: choose another token`
    );
  if (
    input.fallbackConfigurationId &&
    !(await exists(UID.configuration, input.fallbackConfigurationId))
  )
    throw fieldError(
      'fallbackConfigurationId',
      `There is no LLM configuration ${input.fallbackConfigurationId} to fall back to: choose another one`
    );
}

/**
 * Whose usage a budget's counter holds: the user for a user budget, the API token for a token
 * budget, else 0 (the site; role budgets count per member).
 */
export const subjectOf = (b: BudgetRecord) =>
  b.scope === 'user' ? (b.userId ?? 0) : b.scope === 'apiToken' ? (b.apiTokenId ?? 0) : 0;

/** Who a budget counts for and whether it counts at all: when this changes, its counters are recounted. */
export const countingOf = (
  b: Pick<BudgetRecord, 'scope' | 'userId' | 'roleId' | 'apiTokenId' | 'active'>
) => `${b.scope}|${b.userId ?? ''}|${b.roleId ?? ''}|${b.apiTokenId ?? ''}|${b.active}`;
