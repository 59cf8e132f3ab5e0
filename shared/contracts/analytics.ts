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

/**
 * The headline figures of a range. Each is defined here, once, as the server computes it and as
 * the tile's tooltip explains it; tests recompute every one from the raw usage rows.
 */
export interface Kpis {
  /**
   * Cost of every priced call in the range, at the prices in force when each call ran: exact decimal
   * USD text (to the femto-dollar, so calls cheaper than a nano-dollar still add up). Unpriced calls
   * are not in it: they are counted in `unpricedRequests`, never as $0.
   */
  costUsd: string;
  /** Calls that reached a provider (successful or failed); calls a budget refused are `blocked`, not requests. */
  requests: number;
  /** Input + output tokens. */
  tokens: number;
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of inputTokens). */
  cacheReadTokens: number;
  /** Input tokens written to the provider's prompt cache (a subset of inputTokens). */
  cacheWriteTokens: number;
  providers: number;
  models: number;
  activeUsers: number;
  /** Successful calls that were priced: what the average cost divides by. */
  pricedRequests: number;
  /**
   * Cost of successful priced calls / their number, rounded to the nano-dollar; null without any.
   * Failed and unpriced calls are in neither side.
   */
  avgCostPerPricedRequestUsd: string | null;
  /** cacheReadTokens / inputTokens: the cached share of input tokens (not a share of requests); null without input tokens. */
  cachedInputShare: number | null;
  /** What cache reads saved: those tokens at the model's input price minus what they cost at its cache-read price. */
  cacheSavingsUsd: string;
  /** Failed requests / requests; null without requests. */
  failureRate: number | null;
  /** Median and 95th percentile latency of successful calls, every service together (see `latencyByService`). */
  latency: LatencyFigures;
  /** Successful calls that could not be priced: counted, never shown as $0. */
  unpricedRequests: number;
  /** Calls a budget refused (no provider was called). */
  blocked: number;
}

/**
 * Nearest-rank percentiles of successful calls' latency (the ⌈p·n⌉-th fastest call), each reported
 * as the upper bound of its bucket on a 12-per-decade scale (10, 12, 15, 18, 22, 27, 33, 39, 47, 56,
 * 68, 82, 100 ms …): at most 22 % above the true value. null when there were no successful calls,
 * or the percentile lies past the last bucket (820 s).
 */
export interface LatencyFigures {
  p50Ms: number | null;
  p95Ms: number | null;
  /** Successful calls the percentiles describe. */
  calls: number;
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
  /**
   * The user's monthly cost budget that is fullest (their own or one of their roles'), this calendar
   * month whatever the range: the same used amount the Budgets page, the banner and the gate see.
   */
  budget: { monthCostUsd: string; limitUsd: string; percent: number; name: string } | null;
}

export interface AnalyticsDocument {
  range: AnalyticsRange;
  kpis: Kpis;
  trend: TrendPoint[];
  byModel: { series: ModelSeries[]; buckets: ModelBucket[]; share: BreakdownRow[] };
  breakdowns: Record<
    'provider' | 'model' | 'service' | 'task' | 'source' | 'contentType',
    BreakdownRow[]
  >;
  /** Latency per service (a chat and an embedding are not comparable), most calls first; site-wide only (empty on My usage). */
  latencyByService: Array<LatencyFigures & { service: ServiceType }>;
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
