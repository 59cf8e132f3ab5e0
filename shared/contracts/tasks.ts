import type { PriceSource } from '../services';

/** The usage of one call, as routes return it. Cost is decimal USD text; null means unpriced (never "0"). */
export interface CallUsage {
  requestId: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  units: number;
  costUsd: string | null;
  priceSource: PriceSource;
  estimated: boolean;
}

/**
 * POST /api/llm/tasks/:id/run   (content API, with an API token; only tasks marked contentApi)
 * POST /llm/tasks/:id/run       (admin)
 */
export declare namespace RunTask {
  interface Request {
    params: { id: string };
    /**
     * With `entry`, the task runs on that content entry: its fields fill the template's variables
     * (explicit `variables` win) and the call is attributed to it.
     */
    body: {
      variables?: Record<string, unknown>;
      entry?: { uid: string; documentId: string; locale?: string | null };
    };
  }
  interface Response {
    data: {
      text?: string;
      texts?: string[];
      embeddings?: number[][];
      usage: CallUsage;
    };
  }
}

export interface ErrorBody {
  error: {
    status: number;
    name: string;
    message: string;
    details: {
      code: string;
      requestId?: string;
      /** On a 429: the budget that refused the call. */
      budget?: {
        budgetId: number;
        budgetName: string;
        scope: 'user' | 'role' | 'site' | 'apiToken';
        window: 'day' | 'month';
        metric: 'cost' | 'tokens' | 'requests';
        used: string;
        limit: string;
        resetsOn: string;
        timeZone: string;
      };
    };
  };
}

export interface TaskSummary {
  id: number;
  name: string;
  service: string;
  /** The template's placeholders, so a caller can see which entry fields it reads. */
  promptTemplate: string;
}

/**
 * GET /llm/tasks
 *
 * The tasks the caller may run (the bulk "Run LLM task…" dialog lists them).
 */
export declare namespace ListTasks {
  interface Response {
    data: TaskSummary[];
  }
}
