import type { ListBudgets } from './budgets';

/**
 * A rate limit as the admin edits it: requests and/or tokens per minute for one user, each member
 * of a role, one API token or one configuration. Empty = no limit on that metric.
 */
export interface RateLimitInput {
  scope: 'user' | 'role' | 'apiToken' | 'configuration';
  /** The user, role, API token or configuration the limit is for. */
  subjectId: number;
  requestsPerMinute?: number | null;
  tokensPerMinute?: number | null;
  enabled: boolean;
}

export interface RateLimit extends RateLimitInput {
  id: number;
}

/** GET /llm/rate-limits */
export declare namespace ListRateLimits {
  interface Request {
    query: Record<string, never>;
  }
  interface Response {
    data: RateLimit[];
    /** What the form chooses from: the budget form's users, roles, configurations and API tokens. */
    meta: Omit<ListBudgets.Response['meta'], 'timeZone'>;
  }
}

/** POST /llm/rate-limits */
export declare namespace CreateRateLimit {
  interface Request {
    body: RateLimitInput;
  }
  interface Response {
    data: RateLimit;
  }
}

/** PUT /llm/rate-limits/:id */
export declare namespace UpdateRateLimit {
  interface Request {
    params: { id: string };
    body: RateLimitInput;
  }
  interface Response {
    data: RateLimit;
  }
}

/** DELETE /llm/rate-limits/:id */
export declare namespace DeleteRateLimit {
  interface Request {
    params: { id: string };
  }
  interface Response {
    data: { id: number };
  }
}
