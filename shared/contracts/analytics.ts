import type { FilterKey, LogFilterKey } from '../analytics-query';
import type { ServiceType } from '../services';

export const RANGE_KEYS = ['1d', '7d', '30d', '90d', 'month', '365d'] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];
export const DEFAULT_RANGE: RangeKey = '30d';

export interface AnalyticsRange {
  /** A named range, or 'custom' for a from–to period (?from=&to=). */
  key: RangeKey | 'custom';
  /** First and last bucket keys ('2026-11-01' or '2026-11-21 22'). */
  from: string;
  to: string;
  bucket: 'hour' | 'day';
  timeZone: string;
}

/** A from–to of local dates, both inclusive ('YYYY-MM-DD'). */
export interface DayPeriod {
  from: string;
  to: string;
}

/**
 * Why the period shown is not the one asked for: the page says so instead of failing.
 * invalid-date: not a real YYYY-MM-DD; reversed: from after to; too-long: more than MAX_PERIOD_DAYS;
 * future: starts after today (a period ending after today is cut at today without a note).
 */
export type PeriodNote = 'invalid-date' | 'reversed' | 'too-long' | 'future';
export const MAX_PERIOD_DAYS = 731;

/** The period a document covers, as resolved by the server. */
export interface AnalyticsPeriod extends AnalyticsRange {
  /** Calendar days covered (1 for the hourly range). */
  days: number;
  /**
   * The period the comparison is made with: the same number of days just before — or, for a
   * calendar month (the `month` range, or a from–to that starts on a 1st), the same days of the
   * month before, clamped to its end. For `1d`, the 24 hours before.
   */
  previous: DayPeriod;
  /** Previous/next period links, for `month` and custom periods (null where there is none: next stops at today). */
  navigation: { previous: DayPeriod | null; next: DayPeriod | null } | null;
  note: PeriodNote | null;
}

/** A filter in force, with the name to show on its chip (ids resolved to names). */
export interface ActiveFilter {
  key: LogFilterKey;
  value: string;
  label: string;
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
  /** Requests answered from the gateway's response cache (in `requests`; no provider asked, cost 0). */
  responseCacheHits: number;
  /** responseCacheHits / requests; null without requests. */
  responseCacheHitRate: number | null;
  /** What the cached answers' original calls cost: exact decimal USD text. */
  responseCacheSavedUsd: string;
}

/**
 * Nearest-rank percentiles of successful calls' latency (the ⌈p·n⌉-th fastest call), each reported
 * as the upper bound of its bucket on a 12-per-decade scale (10, 12, 15, 18, 22, 27, 33, 39, 47, 56,
 * 68, 82, 100 ms …): at most 25 % above the true value. null when there were no successful calls,
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
  /** The cache panel: prompt-cache reads and writes, and what the reads saved at the input price. */
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cacheSavingsUsd: string;
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

/** A role's row: its cost shared by its current members (a user in two roles counts in both). */
export interface RoleRow extends BreakdownRow {
  members: number;
  /** costUsd / members, rounded to the nano-dollar; null without members. */
  costPerMemberUsd: string | null;
}

/** The breakdowns of the page; each row's key is the value of the filter of the same name (errorCode and tag filter the request log). */
export type BreakdownName =
  | 'provider'
  | 'model'
  | 'configuration'
  | 'service'
  | 'task'
  | 'source'
  | 'contentType'
  | 'apiToken'
  | 'errorCode'
  | 'tag';

/** One configuration's response cache in the range (configurations with at least one hit). */
export interface ResponseCacheRow {
  /** The configuration id ('0' for calls made without a configuration). */
  key: string;
  label: string;
  requests: number;
  hits: number;
  /** hits / requests. */
  hitRate: number;
  savedUsd: string;
}

export interface AnalyticsDocument {
  range: AnalyticsPeriod;
  /** The filters in force, with names for their chips. */
  filters: ActiveFilter[];
  kpis: Kpis;
  /** The same figures for `range.previous`, with the same filters: the tiles' change. */
  comparison: { from: string; to: string; kpis: Kpis };
  trend: TrendPoint[];
  byModel: { series: ModelSeries[]; buckets: ModelBucket[]; share: BreakdownRow[] };
  breakdowns: Record<BreakdownName, BreakdownRow[]>;
  /** Cost by role, with member counts (site-wide only: empty on My usage). */
  roles: RoleRow[];
  /** Latency per service (a chat and an embedding are not comparable), most calls first; site-wide only (empty on My usage). */
  latencyByService: Array<LatencyFigures & { service: ServiceType }>;
  /** The content entries that cost most in the range (all locales together), heaviest first. */
  topEntries: EntryRow[];
  users: UserRow[];
  /** Saved by the response cache and its hit rate, per configuration, most saved first. */
  responseCache: ResponseCacheRow[];
}

export interface EntryRow extends BreakdownRow {
  uid: string;
  documentId: string;
  /** The content type's display name. */
  contentType: string;
}

/**
 * The query of every analytics view: a period (`range`, or `from`+`to`) and filters
 * (shared/analytics-query.ts: repeatable keys, OR within a key, AND across keys). A bad period
 * falls back to the default with `range.note`; a bad filter value is a 400.
 */
export type AnalyticsQueryString = {
  range?: string;
  from?: string;
  to?: string;
} & Partial<Record<FilterKey, string | string[]>>;

/** GET /llm/analytics?range=|from=&to=&<filters> */
export declare namespace GetAnalytics {
  interface Request {
    query: AnalyticsQueryString;
  }
  interface Response {
    data: AnalyticsDocument;
  }
}

/**
 * GET /llm/me/analytics — the signed-in user's own usage (no analytics permission needed), with
 * the same query; filters narrow within the user's own calls (`user` and `role` are refused).
 */
export declare namespace GetMyAnalytics {
  interface Request {
    query: AnalyticsQueryString;
  }
  interface Response {
    data: AnalyticsDocument;
  }
}

/** GET /llm/analytics/export?range=&format=csv|json (and /llm/me/analytics/export) */
export declare namespace ExportAnalytics {
  interface Request {
    query: AnalyticsQueryString & { format?: 'csv' | 'json' };
  }
  /** JSON: the AnalyticsDocument; CSV: one row per figure, with a section column. */
  type Response = string | AnalyticsDocument;
}

export type { ServiceType };
