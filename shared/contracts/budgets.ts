/** A budget as the admin edits it. Cost limits are decimal USD text; empty = no limit on that metric. */
export interface BudgetInput {
  name: string;
  /** `apiToken`: the calls made with one Strapi API token (the content API, a front-end). */
  scope: 'user' | 'role' | 'site' | 'apiToken';
  userId?: number | null;
  roleId?: number | null;
  apiTokenId?: number | null;
  dailyCost?: string | null;
  monthlyCost?: string | null;
  dailyTokens?: number | null;
  monthlyTokens?: number | null;
  dailyRequests?: number | null;
  monthlyRequests?: number | null;
  alertThresholds?: number[];
  onExceed: 'block' | 'fallback';
  fallbackConfigurationId?: number | null;
  active: boolean;
}

export interface WindowUsage {
  window: 'day' | 'month';
  windowKey: string;
  resetsOn: string;
  /** Per metric: used and limit (cost as decimal USD text), null limit = none. */
  cost: { used: string; limit: string | null };
  tokens: { used: string; limit: string | null };
  requests: { used: string; limit: string | null };
  /** How full the window is: percent of its tightest limit. */
  percent: number;
}

export interface Budget extends BudgetInput {
  id: number;
  /** Current windows for user, site and API-token budgets (role budgets count per member: see each user's own). */
  usage: WindowUsage[];
}

/** GET /llm/budgets */
export declare namespace ListBudgets {
  interface Request {
    query: Record<string, never>;
  }
  interface Response {
    data: Budget[];
    meta: {
      timeZone: string;
      users: Array<{ id: number; name: string; email: string }>;
      roles: Array<{ id: number; name: string }>;
      configurations: Array<{ id: number; name: string }>;
      /** The site's API tokens, by name (never their keys), for API-token budgets. */
      apiTokens: Array<{ id: number; name: string }>;
    };
  }
}

/** POST /llm/budgets */
export declare namespace CreateBudget {
  interface Request {
    body: BudgetInput;
  }
  interface Response {
    data: Budget;
  }
}

/** PUT /llm/budgets/:id */
export declare namespace UpdateBudget {
  interface Request {
    params: { id: string };
    body: BudgetInput;
  }
  interface Response {
    data: Budget;
  }
}

/** DELETE /llm/budgets/:id */
export declare namespace DeleteBudget {
  interface Request {
    params: { id: string };
  }
  interface Response {
    data: { id: number };
  }
}

/** GET /llm/me/budget — the signed-in user's budgets and what is left (the banner). */
export declare namespace GetMyBudget {
  interface Request {
    query: Record<string, never>;
  }
  interface Response {
    data: Array<{
      budgetId: number;
      name: string;
      scope: BudgetInput['scope'];
      windows: WindowUsage[];
    }>;
  }
}
