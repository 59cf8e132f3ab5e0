/**
 * GET /llm/analytics/forecast (plugin::llm.analytics.read) and GET /llm/budgets/forecast
 * (plugin::llm.budgets.manage): projected month-end spend and when each cost budget runs out.
 *
 * Method (`FORECAST_METHOD`): the daily rate is the exact spend of the 7 complete local days before
 * today ÷ 7. Today is projected at the larger of what it has spent so far and the rate; every later
 * day of the month at the rate. Amounts are exact decimal USD text; projections are rounded to the
 * nano-dollar. Days are local calendar days in the plugin's time zone.
 */
export const FORECAST_METHOD = 'trailing-7-day-average' as const;
export const FORECAST_TRAILING_DAYS = 7;

/** One subject's month: spent so far, its daily rate and where the month ends at that rate. */
export interface ForecastFigures {
  /** Exact spend from the 1st of the month through now. */
  monthSoFar: string;
  /** Exact spend today so far. */
  today: string;
  /** The trailing daily average (rounded to the nano-dollar). */
  dailyRate: string;
  /** Month so far + what the method projects for the rest of the month. */
  projectedMonthEnd: string;
}

export interface SubjectForecast extends ForecastFigures {
  id: number;
  name: string;
}

/** When an active budget's cost limit is reached at the projected rate, in its current window. */
export interface BudgetRunOut {
  budgetId: number;
  budgetName: string;
  scope: 'user' | 'role' | 'site' | 'apiToken';
  /** The user the window counts for (user and role budgets, one row per member); null for the site and API tokens. */
  userId: number | null;
  userName: string | null;
  window: 'day' | 'month';
  /** Exact use in the window as the budget counts it (its counter), and the limit. */
  used: string;
  limit: string;
  /** Use projected at the window's end. */
  projected: string;
  /** The local date the limit is reached ('YYYY-MM-DD'; today when it already is); null: not in this window. */
  runsOutOn: string | null;
}

export interface Forecast {
  method: typeof FORECAST_METHOD;
  trailingDays: number;
  timeZone: string;
  /** Today's local date and this month's last one. */
  today: string;
  monthEnd: string;
  /** Local days after today until the month ends. */
  daysLeft: number;
  site: ForecastFigures;
  /** The tightest active site budget's monthly cost limit (exact USD), if any. */
  siteMonthlyLimit: string | null;
  /** Users with an active user budget, and roles with an active role budget (their members summed). */
  users: SubjectForecast[];
  roles: SubjectForecast[];
  budgets: BudgetRunOut[];
}

/** GET /llm/analytics/forecast */
export declare namespace GetForecast {
  interface Request {
    query: Record<string, never>;
  }
  interface Response {
    data: Forecast;
  }
}

/** GET /llm/budgets/forecast: the same run-out dates for the Budgets page. */
export declare namespace GetBudgetForecast {
  interface Request {
    query: Record<string, never>;
  }
  interface Response {
    data: Pick<Forecast, 'method' | 'trailingDays' | 'today' | 'monthEnd' | 'budgets'>;
  }
}
