import { dayKey, monthKey } from '../time/day-key';
import { parseUsd } from '../pricing/money';

export type BudgetScope = 'user' | 'role' | 'site' | 'apiToken';
export type BudgetWindow = 'day' | 'month';
export type BudgetMetric = 'cost' | 'tokens' | 'requests';

export interface BudgetRecord {
  id: number;
  name: string;
  scope: BudgetScope;
  userId?: number | null;
  roleId?: number | null;
  apiTokenId?: number | null;
  dailyCost?: string | null;
  monthlyCost?: string | null;
  dailyTokens?: string | number | null;
  monthlyTokens?: string | number | null;
  dailyRequests?: number | null;
  monthlyRequests?: number | null;
  alertThresholds?: number[] | null;
  onExceed: 'block' | 'fallback';
  fallbackConfigurationId?: number | null;
  active: boolean;
}

/** The limits of one budget in one window; null = no limit on that metric. */
export interface WindowLimits {
  window: BudgetWindow;
  cost: bigint | null;
  tokens: bigint | null;
  requests: bigint | null;
}

const big = (value: string | number | null | undefined) =>
  value === null || value === undefined || value === '' ? null : BigInt(value);

export function windowsOf(budget: BudgetRecord): WindowLimits[] {
  const windows: WindowLimits[] = [
    {
      window: 'day',
      cost: parseUsd(budget.dailyCost),
      tokens: big(budget.dailyTokens),
      requests: big(budget.dailyRequests),
    },
    {
      window: 'month',
      cost: parseUsd(budget.monthlyCost),
      tokens: big(budget.monthlyTokens),
      requests: big(budget.monthlyRequests),
    },
  ];
  return windows.filter((w) => w.cost !== null || w.tokens !== null || w.requests !== null);
}

/** The current windows in the configured time zone: { day: '2026-11-22', month: '2026-11' }. */
export function windowKeys(now: Date, timeZone: string): Record<BudgetWindow, string> {
  return { day: dayKey(now, timeZone), month: monthKey(now, timeZone) };
}

/** The local date a window ends on (the next window's first day), for messages and the banner. */
export function resetsOn(window: BudgetWindow, now: Date, timeZone: string): string {
  const [year, month, day] = dayKey(now, timeZone).split('-').map(Number);
  const next =
    window === 'day'
      ? new Date(Date.UTC(year, month - 1, day + 1))
      : new Date(Date.UTC(year, month, 1));
  return next.toISOString().slice(0, 10);
}

export const DEFAULT_THRESHOLDS = [80, 100];

export function thresholdsOf(budget: BudgetRecord): number[] {
  const raw = Array.isArray(budget.alertThresholds) ? budget.alertThresholds : DEFAULT_THRESHOLDS;
  return [...new Set(raw.filter((t) => Number.isInteger(t) && t > 0 && t <= 100))].sort(
    (a, b) => a - b
  );
}
