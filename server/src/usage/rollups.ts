import type { UsageEvent } from './event';
import { latencyKey } from './latency';
import { isBlocked, MONEY_SUMS, ROLLUP_SUMS, type MoneySum, type RollupSum } from './metrics';

/**
 * The daily rollups: for each day, each user — and once more for everyone — the sums of one
 * dimension's members. Every query of the Analytics page and the list columns reads exactly one
 * dimension for one user or for everyone, so it scans (days × members) rows, whatever the traffic.
 */
export const ROLLUP_DIMENSIONS = [
  'total',
  'provider',
  'model',
  'configuration',
  'task',
  'service',
  'source',
  'contentType',
  'entry',
] as const;
/**
 * Plus one that is not a breakdown: `latency`, whose `requests` counts the successful calls in one
 * bucket (usage/latency.ts) and whose other sums are 0. Everyone's members are '<service>|<bound>';
 * a user's are '*|<bound>' (all services together).
 */
export const LATENCY_DIMENSION = 'latency';
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number] | typeof LATENCY_DIMENSION;

/** The user id rollups of all users are kept under (0 is the system: calls without a user). */
export const EVERYONE = -1;

export interface RollupRow {
  day: string;
  userId: number;
  dimension: RollupDimension;
  dimensionKey: string;
  seeded: boolean;
  sums: Record<RollupSum, bigint>;
}

const zeroSums = () => Object.fromEntries(ROLLUP_SUMS.map((s) => [s, 0n])) as RollupRow['sums'];

/** The member of each dimension an event counts for; "none" is '0' or '' so a key never holds NULL. */
function membersOf(event: UsageEvent): Record<(typeof ROLLUP_DIMENSIONS)[number], string> {
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
export const entryKey = (uid: string | null, documentId: string | null) =>
  uid && documentId ? `${uid}|${documentId}` : '';

/** Per-combination sums while folding: plain integers for counts and tokens, bigint for money. */
interface ComboSums {
  counts: number[];
  money: Record<MoneySum, bigint>;
}
const COUNTED = ROLLUP_SUMS.filter(
  (s): s is Exclude<RollupSum, MoneySum> => !(MONEY_SUMS as readonly string[]).includes(s)
);
/** Where each counted (non-money) sum sits in ComboSums.counts. */
const AT = Object.fromEntries(COUNTED.map((s, i) => [s, i])) as Record<
  Exclude<RollupSum, MoneySum>,
  number
>;
const zeroMoney = () =>
  Object.fromEntries(MONEY_SUMS.map((s) => [s, 0n])) as Record<MoneySum, bigint>;

function addEvent(into: ComboSums, event: UsageEvent) {
  const counts = into.counts;
  // A call a budget refused reached no provider: it is counted as blocked, not as a request.
  if (isBlocked(event)) {
    counts[AT.blockedRequests] += 1;
    return;
  }
  counts[AT.requests] += 1;
  if (!event.success) counts[AT.failures] += 1;
  if (event.success && event.costNano === null) counts[AT.unpricedRequests] += 1;
  if (event.streamed) counts[AT.streamedRequests] += 1;
  counts[AT.inputTokens] += event.inputTokens;
  counts[AT.outputTokens] += event.outputTokens;
  counts[AT.cacheReadTokens] += event.cacheReadTokens;
  counts[AT.cacheWriteTokens] += event.cacheWriteTokens;
  counts[AT.reasoningTokens] += event.reasoningTokens;
  counts[AT.units] += event.units;
  counts[AT.latencyMsSum] += event.latencyMs;
  const money = into.money;
  if (event.costNano !== null) {
    const remainder = BigInt(event.costRemainderFemto ?? 0);
    money.costNano += event.costNano;
    money.costRemainderFemto += remainder;
    if (!event.success) {
      money.failedCostNano += event.costNano;
      money.failedCostRemainderFemto += remainder;
    }
  }
  money.cacheSavingsNano += event.cacheSavingsNano ?? 0n;
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
      combo = { event, sums: { counts: new Array(COUNTED.length).fill(0), money: zeroMoney() } };
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
          row = {
            day: event.day,
            userId,
            dimension,
            dimensionKey,
            seeded: event.seeded,
            sums: zeroSums(),
          };
          rows.set(id, row);
        }
        for (const [i, s] of COUNTED.entries()) row.sums[s] += BigInt(sums.counts[i]);
        for (const s of MONEY_SUMS) row.sums[s] += sums.money[s];
      }
    }
  }
  for (const row of latencyRows(events))
    rows.set(`${row.day}|${row.userId}|${row.dimension}|${row.dimensionKey}|${row.seeded}`, row);
  return [...rows.values()];
}

/**
 * The latency histogram rows of a batch: successful calls per (day, bucket) for each user — all
 * services together, member '*|<bound>' — and per (day, service, bucket) for everyone. Per user
 * and service would multiply the rows by the services for a figure only the site view shows.
 */
function latencyRows(events: UsageEvent[]): RollupRow[] {
  const counts = new Map<string, { event: UsageEvent; key: string; calls: number }>();
  for (const event of events) {
    if (!event.success) continue;
    const key = latencyKey(event.service, event.latencyMs);
    const id = `${event.day}|${event.userId}|${key}|${event.seeded}`;
    const entry = counts.get(id);
    if (entry) entry.calls += 1;
    else counts.set(id, { event, key, calls: 1 });
  }
  const rows = new Map<string, RollupRow>();
  const add = (event: UsageEvent, userId: number, dimensionKey: string, calls: number) => {
    const id = `${event.day}|${userId}|${dimensionKey}|${event.seeded}`;
    let row = rows.get(id);
    if (!row) {
      row = {
        day: event.day,
        userId,
        dimension: LATENCY_DIMENSION,
        dimensionKey,
        seeded: event.seeded,
        sums: zeroSums(),
      };
      rows.set(id, row);
    }
    row.sums.requests += BigInt(calls);
  };
  for (const { event, key, calls } of counts.values()) {
    add(event, event.userId ?? 0, `${ALL_SERVICES}${key.slice(key.lastIndexOf('|'))}`, calls);
    add(event, EVERYONE, key, calls);
  }
  return [...rows.values()];
}

/** The service part of a user's latency members: every service together. */
export const ALL_SERVICES = '*';
