import type { CallStatus, LogFilterKey } from '../analytics-query';
import type { RangeKey } from './analytics';
import type { ServiceType } from '../services';

/**
 * GET /llm/requests — the request log: every usage row (one per provider attempt, and one per call a
 * budget refused), newest first, a page at a time (needs `plugin::llm.analytics.read`).
 * GET /llm/requests/:id — one row with everything stored and the attempts of its logical call.
 * GET /llm/requests/export — the same rows as CSV, streamed.
 */

export const LOG_SORTS = ['time', 'cost', 'latency', 'tokens'] as const;
export type LogSort = (typeof LOG_SORTS)[number];
export const LOG_ORDERS = ['desc', 'asc'] as const;
export type LogOrder = (typeof LOG_ORDERS)[number];
export const LOG_DEFAULT_LIMIT = 50;
export const LOG_MAX_LIMIT = 200;

/** The query string of the log and its export (filters: LOG_FILTER_KEYS, repeatable). */
export type RequestLogQuery = Partial<Record<LogFilterKey, string | string[]>> & {
  range?: RangeKey;
  /** Inclusive local dates (YYYY-MM-DD) in the plugin's time zone; either may be left out. */
  from?: string;
  to?: string;
  sort?: LogSort;
  order?: LogOrder;
  /** Opaque: the `nextCursor` of the page before. Only valid with the same sort and order. */
  cursor?: string;
  limit?: number | string;
};

/** A record the row points at: its id and its name now (null when it was deleted since). */
export interface LogRef {
  id: number;
  name: string | null;
}

/** One usage row as the log lists it. */
export interface RequestLogRow {
  id: number;
  requestId: string;
  /** The first attempt's request id when this row is a retry, fallback hop or tool step of a call. */
  attemptOf: string | null;
  /** ISO instant. */
  occurredAt: string;
  provider: LogRef | null;
  /** The model record, else the model key the call named. */
  model: LogRef | null;
  modelKey: string | null;
  configuration: LogRef | null;
  task: LogRef | null;
  service: ServiceType;
  source: string | null;
  /** null: the system (no admin user: content API, cron, scripts). */
  user: (LogRef & { email: string | null }) | null;
  /** The API token's name, never the token. */
  apiToken: LogRef | null;
  status: CallStatus;
  errorCode: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  units: number;
  unitKind: 'images' | 'characters' | 'seconds' | null;
  /** Exact decimal USD; null when the call was not priced (shown as "unpriced", never $0). */
  costUsd: string | null;
  latencyMs: number | null;
  ttftMs: number | null;
  streamed: boolean;
  entry: { uid: string; documentId: string; locale: string | null } | null;
  /** Served by a fallback configuration after this configuration failed (null: first choice). */
  fallbackFrom: LogRef | null;
}

export interface RequestLogPage {
  rows: RequestLogRow[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  sort: LogSort;
  order: LogOrder;
  limit: number;
  /** The period applied: ISO instants, null where unbounded. */
  since: string | null;
  until: string | null;
}

/** One attempt of a logical call (a retry, a fallback hop, or the call itself). */
export interface LogAttempt {
  id: number;
  requestId: string;
  occurredAt: string;
  status: CallStatus;
  errorCode: string | null;
  configuration: LogRef | null;
  model: LogRef | null;
  costUsd: string | null;
  latencyMs: number | null;
  /**
   * How this attempt relates to the one before it: the first, a retry (same configuration after a
   * failure), a fallback hop (another configuration) or a tool step (same configuration after a success).
   */
  kind: 'first' | 'retry' | 'fallback' | 'step';
}

/** Everything stored about one row (the error message too: analytics.read holders may read it). */
export interface RequestLogDetail extends RequestLogRow {
  adapter: string | null;
  reasoningTokens: number;
  /** Exact decimal USD saved by the prompt cache (null when none). */
  cacheSavingsUsd: string | null;
  priceSource: 'model' | 'catalogue' | 'none';
  tokensEstimated: boolean;
  errorMessage: string | null;
  /** The caller's label for its own end user (the OpenAI-compatible endpoint's `user`). */
  endUser: string | null;
  seeded: boolean;
  day: string;
  hour: string;
  metadata: unknown;
  /** Admin path of the entry in the Content Manager (null when the call was on no entry). */
  entryPath: string | null;
  /** The logical call's attempts, oldest first, this row among them. */
  attempts: LogAttempt[];
}

export declare namespace GetRequestLog {
  interface Request {
    query: RequestLogQuery;
  }
  interface Response {
    data: RequestLogPage;
  }
}

export declare namespace GetRequestLogEntry {
  interface Request {
    params: { id: string };
  }
  interface Response {
    data: RequestLogDetail;
  }
}

export declare namespace ExportRequestLog {
  interface Request {
    query: Omit<RequestLogQuery, 'cursor' | 'limit'>;
  }
  /** CSV text, one row per usage row, with a header row. */
  type Response = string;
}
