import type { ServiceType } from '../services';

export const RANGE_KEYS = ['1d', '7d', '30d', '90d', 'month', '365d'] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];
export const DEFAULT_RANGE: RangeKey = '30d';

export interface AnalyticsRange {
  key: RangeKey;
  /** First and last bucket keys ('2026-11-01' or '2026-11-21 22'). */
  from: string;
  to: string;
  bucket: 'hour' | 'day';
  timeZone: string;
}

export interface Kpis {
  /** Estimated cost of priced calls, exact decimal USD text. */
  costUsd: string;
  requests: number;
  /** Input + output tokens. */
  tokens: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  providers: number;
  models: number;
  activeUsers: number;
  /** Cost divided by requests; null without requests. */
  avgCostPerRequestUsd: string | null;
  /** Cache-read tokens / input tokens; null without input tokens. */
  cacheHitRate: number | null;
  /** Failed requests / requests; null without requests. */
  failureRate: number | null;
  avgLatencyMs: number | null;
  /** Successful calls that could not be priced: counted, never shown as $0. */
  unpricedRequests: number;
  /** Calls a budget refused (no provider was called). */
  blocked: number;
}

export interface TrendPoint {
  bucket: string;
  label: string;
  costUsd: string;
  requests: number;
  tokens: number;
  failures: number;
}

export interface BreakdownRow {
  key: string;
  label: string;
  requests: number;
  tokens: number;
  costUsd: string;
  unpricedRequests: number;
}

export interface ModelSeries {
  /** Model key, or "other" for the folded rest. */
  key: string;
  label: string;
}

export interface ModelBucket {
  bucket: string;
  label: string;
  /** Per series key: decimal USD text and tokens. */
  cost: Record<string, string>;
  tokens: Record<string, number>;
}

export interface UserRow {
  /** null = the system row (CLI, cron, content API without an admin user). */
  userId: number | null;
  name: string;
  email: string | null;
  roles: string[];
  requests: number;
  tokens: number;
  costUsd: string;
  unpricedRequests: number;
  /** Requests per bucket over the range. */
  sparkline: number[];
  models: string[];
  /** This calendar month's cost against the user's monthly cost budget, whatever the range. */
  budget: { monthCostUsd: string; limitUsd: string; percent: number; name: string } | null;
}

export interface AnalyticsDocument {
  range: AnalyticsRange;
  kpis: Kpis;
  trend: TrendPoint[];
  byModel: { series: ModelSeries[]; buckets: ModelBucket[]; share: BreakdownRow[] };
  breakdowns: Record<'provider' | 'model' | 'service' | 'task' | 'source' | 'contentType', BreakdownRow[]>;
  /** The content entries that cost most in the range (all locales together), heaviest first. */
  topEntries: EntryRow[];
  users: UserRow[];
}

export interface EntryRow extends BreakdownRow {
  uid: string;
  documentId: string;
  /** The content type's display name. */
  contentType: string;
}

/** GET /llm/analytics?range= */
export declare namespace GetAnalytics {
  interface Request {
    query: { range?: string };
  }
  interface Response {
    data: AnalyticsDocument;
  }
}

/** GET /llm/me/analytics?range= — the signed-in user's own usage (no analytics permission needed). */
export declare namespace GetMyAnalytics {
  interface Request {
    query: { range?: string };
  }
  interface Response {
    data: AnalyticsDocument;
  }
}

/** GET /llm/analytics/export?range=&format=csv|json (and /llm/me/analytics/export) */
export declare namespace ExportAnalytics {
  interface Request {
    query: { range?: string; format?: 'csv' | 'json' };
  }
  /** JSON: the AnalyticsDocument; CSV: one row per figure, with a section column. */
  type Response = string | AnalyticsDocument;
}

export type { ServiceType };
