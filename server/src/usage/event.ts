import type { PriceSource, ServiceType } from '../../../shared/services';

/** One metered call, as the usage store writes it (column names are the schema's attributes). */
export interface UsageEvent {
  requestId: string;
  occurredAt: Date;
  /** Calendar day in the plugin's time zone, computed at write time. */
  day: string;
  /** Day and hour in the plugin's time zone ('2026-11-21 21'): the 1-day range's buckets. */
  hour: string;
  providerId: number | null;
  adapter: string | null;
  modelId: number | null;
  modelKey: string | null;
  configurationId: number | null;
  taskId: number | null;
  service: ServiceType;
  source: string | null;
  userId: number | null;
  apiTokenId: number | null;
  /** The caller's label for its end user (the OpenAI-compatible endpoint's `user`); absent on older rows. */
  endUser?: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  unitKind: 'images' | 'characters' | 'seconds' | null;
  units: number;
  /** Cost in nano-USD, rounded half away from zero; null when the call could not be priced (never 0 for "unknown"). */
  costNano: bigint | null;
  /** Exact cost − costNano, in femto-USD (±500,000): a sub-nano call is never free, sums stay exact. 0 when unpriced. */
  costRemainderFemto: number;
  /** What cache reads saved against the input price, nano-USD; 0 without cache reads or prices. */
  cacheSavingsNano: bigint;
  priceSource: PriceSource;
  tokensEstimated: boolean;
  streamed: boolean;
  success: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  latencyMs: number;
  ttftMs: number | null;
  fallbackFromConfigurationId: number | null;
  /**
   * The request id of the first attempt of the logical call this row is a later attempt of (a
   * retry, a fallback hop, a tool step); null on the first attempt. One call = its first row and
   * every row whose attemptOf names it.
   */
  attemptOf: string | null;
  entryUid: string | null;
  entryDocumentId: string | null;
  entryLocale: string | null;
  seeded: boolean;
  metadata: Record<string, unknown> | null;
  /** Answered from the response cache: no provider was asked, cost 0. */
  cacheHit: boolean;
  /** What a cache hit saved: the original call's cost, nano-USD; 0 for every other row. */
  savedNano: bigint;
}

/** JSON form for the on-disk spool (bigint and Date do not survive JSON.stringify). */
export const serializeEvent = (event: UsageEvent): string =>
  JSON.stringify({
    ...event,
    occurredAt: event.occurredAt.toISOString(),
    costNano: event.costNano === null ? null : event.costNano.toString(),
    cacheSavingsNano: event.cacheSavingsNano.toString(),
    savedNano: event.savedNano.toString(),
  });

/** Spool lines written before a field existed read it as 0. */
export const deserializeEvent = (line: string): UsageEvent => {
  const raw = JSON.parse(line);
  return {
    ...raw,
    occurredAt: new Date(raw.occurredAt),
    costNano: raw.costNano === null ? null : BigInt(raw.costNano),
    costRemainderFemto: raw.costRemainderFemto ?? 0,
    cacheSavingsNano: BigInt(raw.cacheSavingsNano ?? 0),
    attemptOf: raw.attemptOf ?? null,
    cacheHit: raw.cacheHit ?? false,
    savedNano: BigInt(raw.savedNano ?? 0),
  };
};
