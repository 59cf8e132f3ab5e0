/**
 * GET /llm/overview — the Overview page and the homepage widget (needs `plugin::llm.analytics.read`).
 *
 * Every figure is recomputable from raw usage rows: costs are the exact sum of the calls' cost
 * (decimal USD text), by the calendar in the plugin's time zone.
 */

/** One ranked row: a model or a user, with its cost and requests this month. */
export interface OverviewRanked {
  id: number;
  name: string;
  /** Exact decimal USD. */
  cost: string;
  requests: number;
}

/** A budget alert threshold a budget's window reached this month (stored on its counter). */
export interface OverviewAlert {
  budgetId: number;
  budgetName: string;
  scope: 'user' | 'role' | 'site' | 'apiToken';
  /** The user whose window it is (user and role budgets); null for the site and API tokens. */
  userId: number | null;
  userName: string | null;
  window: 'day' | 'month';
  /** "2026-11" for a month window, "2026-11-21" for a day window. */
  windowKey: string;
  threshold: number;
}

/** A provider's last successful and last failed request in the usage ledger (raw rows). */
/** A provider's circuit breaker: closed (calls go), open (calls skip it), half-open (one probe). */
export const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];

export interface OverviewProviderHealth {
  id: number;
  name: string;
  /** ISO instants; null when the ledger holds none. */
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  /** The error code of the last failure. */
  lastErrorCode: string | null;
  /**
   * The hour before now: calls that reached the provider, how many failed, and the exact p95
   * latency (nearest rank) of the successful ones (null without any).
   */
  lastHour: { calls: number; failures: number; p95LatencyMs: number | null };
  /** Its circuit breaker, as the answering instance sees it (another's change shows within 1 s). */
  circuit: CircuitState;
}

export interface Overview {
  timeZone: string;
  /** Local calendar keys of "now": "2026-11-21" and "2026-11". */
  today: string;
  month: string;
  spend: {
    /** From the 1st of this month through today. */
    thisMonth: string;
    thisMonthRequests: number;
    today: string;
    /** Last month's first `comparedDays` days: the same days elapsed as this month. */
    lastMonthToDate: string;
    /** The whole of last month. */
    lastMonth: string;
    comparedDays: number;
    /** "2026-10" */
    lastMonthKey: string;
  };
  /** The tightest active site-wide budget with a monthly cost limit, as its counter holds it. */
  siteBudget: { id: number; name: string; used: string; limit: string; percent: number } | null;
  topModels: OverviewRanked[];
  topUsers: OverviewRanked[];
  alerts: OverviewAlert[];
  providers: OverviewProviderHealth[];
}

export declare namespace GetOverview {
  interface Request {
    query: Record<string, never>;
  }
  interface Response {
    data: Overview;
  }
}
