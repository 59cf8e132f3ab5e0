/** The content types that show 30-day usage columns in the Content Manager, by their schema marker. */
export const USAGE_COLUMN_KINDS = ['provider', 'model', 'configuration', 'task'] as const;
export type UsageColumnKind = (typeof USAGE_COLUMN_KINDS)[number];

/** What a unit-priced service counts instead of tokens. */
export type UsageUnitKind = 'images' | 'characters' | 'seconds';

export interface UsageFigures {
  /** Cost of priced calls, exact decimal USD text. */
  costUsd: string;
  requests: number;
  tokens: number;
  unpricedRequests: number;
  /** Images, characters or seconds used by unit-priced calls (list columns only; 0 elsewhere). */
  units?: number;
  /** What `units` counts, when the row is of one kind (a model, a task); null when mixed or unknown. */
  unitKind?: UsageUnitKind | null;
}

/**
 * GET /llm/usage-columns/:kind?ids=1,2,3
 *
 * The Cost / Requests / Tokens (30d) cells of one list page, in one request, from the daily rollups.
 * Rows without usage are absent from `data`.
 */
export declare namespace GetUsageColumns {
  interface Request {
    params: { kind: UsageColumnKind };
    query: { ids?: string };
  }
  interface Response {
    data: Record<string, UsageFigures>;
    meta: { from: string; to: string; timeZone: string };
  }
}
