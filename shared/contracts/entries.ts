import type { UsageFigures, UsageUnitKind } from './usage-columns';

/** A content entry a call works on, as routes take it. */
export interface EntryRef {
  uid: string;
  documentId: string;
  locale?: string | null;
}

export interface EntryCall {
  requestId: string;
  /** The first attempt's request id when this call is a retry or fallback of it (else null). */
  attemptOf: string | null;
  occurredAt: string;
  /** "system" for calls without a user; "user #id" for a deleted one. */
  user: string;
  model: string;
  task: string | null;
  service: string;
  locale: string | null;
  costUsd: string | null;
  /** What a unit-priced call used (images, characters, seconds); 0 and null for token calls. */
  units: number;
  unitKind: UsageUnitKind | null;
  success: boolean;
  /**
   * Why a failed call failed: the gateway's error code (`provider_error`, `budget_exceeded`, …) and
   * message. The message is the gateway's own only for readers with `analytics.read` (it can name
   * hosts or variables); anyone else gets what the code means.
   */
  errorCode: string | null;
  errorMessage: string | null;
}

export interface EntryUsage {
  /** All locales together. */
  total: UsageFigures;
  byLocale: Array<UsageFigures & { locale: string | null }>;
  byTask: Array<UsageFigures & { taskId: number | null; task: string }>;
  /** The latest calls, newest first. */
  recent: EntryCall[];
}

/**
 * GET /llm/entries/:uid/:documentId/usage
 *
 * What one content entry's AI calls cost, for its side panel in the Content Manager edit view.
 * `data` is null when the entry has no usage. Anyone who may read the entry may read this.
 */
export declare namespace GetEntryUsage {
  interface Request {
    params: { uid: string; documentId: string };
  }
  interface Response {
    data: EntryUsage | null;
  }
}

export interface BudgetHeadroom {
  budgetName: string;
  window: 'day' | 'month';
  metric: 'cost' | 'tokens' | 'requests';
  /** What is left in the window (USD text for cost). */
  remaining: string;
  /** What the whole job may take at worst. */
  needed: string;
  enough: boolean;
}

export interface TaskEstimate {
  task: { id: number; name: string; service: string };
  model: string;
  entries: number;
  /** One call per entry and locale. */
  calls: number;
  inputTokens: number;
  /** The configured maximum output, for every call: what budgets reserve. */
  maxOutputTokens: number;
  /** The task's average output so far, per call, times the calls; null without history. */
  expectedOutputTokens: number | null;
  /** Worst case (input + max output), exact USD text; null when the model cannot be priced. */
  costUsd: string | null;
  /** Input + expected output; null without history or prices. */
  expectedCostUsd: string | null;
  /** Whether the caller's budgets can cover the worst case, and what is left in each. */
  budget: { allowed: boolean; limits: BudgetHeadroom[] };
  /** Each entry's call: its name as the Content Manager shows it, its prompt's tokens and its worst-case cost (USD text; null unpriced). */
  perEntry: Array<{
    documentId: string;
    locale: string | null;
    /** The entry's main field (e.g. its title) in quotes, or its document id when it has none. */
    label: string;
    inputTokens: number;
    costUsd: string | null;
  }>;
}

/**
 * POST /llm/tasks/:id/estimate
 *
 * Predicts what running a task over many entries would cost, before anything runs: each prompt is
 * rendered from the entry's own fields and its tokens counted. Entries are `documentIds` of
 * `contentType`, or the entries its `filters` select (at most 1,000).
 */
export declare namespace EstimateTask {
  interface Request {
    params: { id: string };
    body: {
      contentType: string;
      documentIds?: string[];
      filters?: Record<string, unknown>;
      locales?: string[];
    };
  }
  interface Response {
    data: TaskEstimate;
  }
}
