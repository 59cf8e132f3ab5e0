/**
 * Spend-spike alerts and the weekly digest (server/src/alerts/): what the `llm.spend.spike` event,
 * the webhook (`{ event, alert }`) and the alert log carry. Amounts are exact decimal USD text.
 */

export const SPIKE_EVENT = 'llm.spend.spike';
export const DIGEST_EVENT = 'llm.digest.weekly';

/** Kinds of the alert log (plugin::llm.alert-log): each (kind, key) is sent at most once. */
export const ALERT_KINDS = ['spend.spike', 'budget.threshold', 'digest.weekly'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A local hour whose spend passed factor × the median of the same hour on the days before. */
export interface SpikeAlert {
  /** The local hour, 'YYYY-MM-DD HH' in `timeZone`. */
  hour: string;
  timeZone: string;
  /** Exact spend in that hour. */
  spend: string;
  /** The median spend of the same hour over the `lookbackDays` days before (exact). */
  median: string;
  factor: number;
  lookbackDays: number;
  /** factor × median, rounded to the nano-dollar; the spend had to pass it, and `minUsd`. */
  threshold: string;
  minUsd: string;
  at: string;
}

/** What one spike evaluation found (the service method tests and the cron job call). */
export interface SpikeEvaluation {
  hour: string;
  spend: string;
  median: string;
  /** Whether the hour is a spike by the rule. */
  spike: boolean;
  /** Whether this evaluation sent it (false when another evaluation or instance already had). */
  fired: boolean;
}

/** One row of the alert log. */
export interface AlertLogEntry {
  kind: AlertKind;
  key: string;
  firedAt: string;
  payload: unknown;
}

/** One ranked line of the digest: a model or a user, with its exact spend and requests. */
export interface DigestRanked {
  id: number;
  name: string;
  cost: string;
  requests: number;
}

/** The weekly digest: the 7 local days before the day it is sent. */
export interface WeeklyDigest {
  timeZone: string;
  /** First and last local day of the week (inclusive). */
  from: string;
  to: string;
  spend: string;
  requests: number;
  previousSpend: string;
  /** spend − previousSpend (exact, signed), and the same in percent of previousSpend (one decimal; null when it was 0). */
  change: string;
  changePercent: number | null;
  topModels: DigestRanked[];
  topUsers: DigestRanked[];
  /** Spike and budget threshold alerts logged in the week. */
  alerts: AlertLogEntry[];
}
