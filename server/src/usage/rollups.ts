import type { UsageEvent } from './event';

/**
 * The daily rollups: for each day, each user — and once more for everyone — the sums of one
 * dimension's members. Every query of the Analytics page and the list columns reads exactly one
 * dimension for one user or for everyone, so it scans (days × members) rows, whatever the traffic.
 */
export const ROLLUP_DIMENSIONS = ['total', 'provider', 'model', 'configuration', 'task', 'service', 'source', 'contentType', 'entry'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

/** The user id rollups of all users are kept under (0 is the system: calls without a user). */
export const EVERYONE = -1;

export const ROLLUP_SUMS = [
  'requests',
  'failures',
  'blockedRequests',
  'unpricedRequests',
  'streamedRequests',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'units',
  'costNano',
  'latencyMsSum',
] as const;
export type RollupSum = (typeof ROLLUP_SUMS)[number];

export interface RollupRow {
  day: string;
  userId: number;
  dimension: RollupDimension;
  dimensionKey: string;
  seeded: boolean;
  sums: Record<RollupSum, bigint>;
}

const BLOCKED = 'budget_exceeded';
const zeroSums = () => Object.fromEntries(ROLLUP_SUMS.map((s) => [s, 0n])) as RollupRow['sums'];

/** The member of each dimension an event counts for; "none" is '0' or '' so a key never holds NULL. */
function membersOf(event: UsageEvent): Record<RollupDimension, string> {
  return {
    total: '',
    provider: String(event.providerId ?? 0),
    model: String(event.modelId ?? 0),
    configuration: String(event.configurationId ?? 0),
    task: String(event.taskId ?? 0),
    service: event.service,
    source: event.source ?? '',
    contentType: event.entryUid ?? '',
    entry: entryKey(event.entryUid, event.entryDocumentId),
  };
}

/** An entry's member key in the `entry` dimension (all its locales together); '' for calls on no entry. */
export const entryKey = (uid: string | null, documentId: string | null) => (uid && documentId ? `${uid}|${documentId}` : '');

/** Per-combination sums while folding: plain integers for counts and tokens, bigint for money. */
interface ComboSums {
  counts: number[];
  costNano: bigint;
}
const COUNTED = ROLLUP_SUMS.filter((s) => s !== 'costNano');
const C = Object.fromEntries(COUNTED.map((s, i) => [s, i])) as Record<Exclude<RollupSum, 'costNano'>, number>;

function addEvent(into: ComboSums, event: UsageEvent) {
  const c = into.counts;
  // A call a budget refused reached no provider: it is counted as blocked, not as a request.
  if (event.errorCode === BLOCKED) {
    c[C.blockedRequests] += 1;
    return;
  }
  c[C.requests] += 1;
  if (!event.success) c[C.failures] += 1;
  if (event.success && event.costNano === null) c[C.unpricedRequests] += 1;
  if (event.streamed) c[C.streamedRequests] += 1;
  c[C.inputTokens] += event.inputTokens;
  c[C.outputTokens] += event.outputTokens;
  c[C.cacheReadTokens] += event.cacheReadTokens;
  c[C.cacheWriteTokens] += event.cacheWriteTokens;
  c[C.reasoningTokens] += event.reasoningTokens;
  c[C.units] += event.units;
  c[C.latencyMsSum] += event.latencyMs;
  if (event.costNano !== null) into.costNano += event.costNano;
}

/**
 * Folds a batch of events into rollup rows, one per (day, user, dimension, member, seeded), so each
 * is upserted once per batch. Events are first folded by their full combination of members (many
 * events share one), and only those combinations are spread over the dimensions. Counts and tokens
 * of one batch stay far below 2^53 as plain numbers; money is summed as bigint throughout.
 */
export function foldIntoRollups(events: UsageEvent[]): RollupRow[] {
  const combos = new Map<string, { event: UsageEvent; sums: ComboSums }>();
  for (const event of events) {
    const id = `${event.day}|${event.userId}|${event.configurationId}|${event.modelId}|${event.providerId}|${event.taskId}|${event.service}|${event.source}|${event.entryUid}|${event.entryDocumentId}|${event.seeded}`;
    let combo = combos.get(id);
    if (!combo) {
      combo = { event, sums: { counts: new Array(COUNTED.length).fill(0), costNano: 0n } };
      combos.set(id, combo);
    }
    addEvent(combo.sums, event);
  }

  const rows = new Map<string, RollupRow>();
  for (const { event, sums } of combos.values()) {
    const members = membersOf(event);
    for (const userId of [event.userId ?? 0, EVERYONE]) {
      for (const dimension of ROLLUP_DIMENSIONS) {
        const dimensionKey = members[dimension];
        const id = `${event.day}|${userId}|${dimension}|${dimensionKey}|${event.seeded}`;
        let row = rows.get(id);
        if (!row) {
          row = { day: event.day, userId, dimension, dimensionKey, seeded: event.seeded, sums: zeroSums() };
          rows.set(id, row);
        }
        for (const [i, s] of COUNTED.entries()) row.sums[s] += BigInt(sums.counts[i]);
        row.sums.costNano += sums.costNano;
      }
    }
  }
  return [...rows.values()];
}
