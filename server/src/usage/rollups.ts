import type { UsageEvent } from './event';
import { latencyKey } from './latency';
import { errorCodeKey, tagsOf } from './members';
import { performanceRows } from './performance-rollups';
import { EVERYONE, rollupRow, type RollupRows } from './rollup-rows';
import { addComboSums, addEvent, emptyComboSums, type ComboSums } from './combo-sums';
import type { RollupSum } from './metrics';

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
  'apiToken',
  'errorCode',
  'tag',
] as const;
/**
 * Plus one that is not a breakdown: `latency`, whose `requests` counts the successful calls in one
 * bucket (usage/latency.ts) and whose other sums are 0. Everyone's members are '<service>|<bound>';
 * a user's are '*|<bound>' (all services together).
 */
export const LATENCY_DIMENSION = 'latency';
/** A dimension's name (one of ROLLUP_DIMENSIONS, the latency or a performance dimension). */
export type RollupDimension = string;

export { EVERYONE } from './rollup-rows';

export interface RollupRow {
  day: string;
  userId: number;
  dimension: RollupDimension;
  dimensionKey: string;
  seeded: boolean;
  sums: Record<RollupSum, bigint>;
}

/**
 * The members of each dimension an event counts for; "none" is '0' or '' so a key never holds NULL.
 * Every dimension has one member per event but `tag`, where a call with two tags counts in both.
 */
type RollupMember = (typeof ROLLUP_DIMENSIONS)[number];
function membersOf(event: UsageEvent): Record<RollupMember, string | string[]> {
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
    apiToken: String(event.apiTokenId ?? 0),
    errorCode: errorCodeKey(event),
    tag: tagsOf(event.metadata),
  };
}

/** An entry's member key in the `entry` dimension (all its locales together); '' for calls on no entry. */
export const entryKey = (uid: string | null, documentId: string | null) =>
  uid && documentId ? `${uid}|${documentId}` : '';

/**
 * Folds a batch of events into rollup rows, one per (day, user, dimension, member, seeded), so each
 * is upserted once per batch. Events are first folded by their full combination of members (many
 * events share one), and only those combinations are spread over the dimensions. Counts and tokens
 * of one batch stay far below 2^53 as plain numbers; money is summed as bigint throughout.
 */
export function foldIntoRollups(events: UsageEvent[]): RollupRow[] {
  const combos = new Map<string, { event: UsageEvent; sums: ComboSums }>();
  for (const event of events) {
    const id = `${event.day}|${event.userId}|${event.configurationId}|${event.modelId}|${event.providerId}|${event.taskId}|${event.service}|${event.source}|${event.entryUid}|${event.entryDocumentId}|${event.seeded}|${event.apiTokenId}|${errorCodeKey(event)}|${tagsOf(event.metadata).join('\u0000')}`;
    let combo = combos.get(id);
    if (!combo) {
      combo = { event, sums: emptyComboSums() };
      combos.set(id, combo);
    }
    addEvent(combo.sums, event);
  }

  const rows: RollupRows = new Map();
  for (const { event, sums } of combos.values()) {
    const members = membersOf(event);
    for (const userId of [event.userId ?? 0, EVERYONE]) {
      for (const dimension of ROLLUP_DIMENSIONS) {
        for (const dimensionKey of [members[dimension]].flat()) {
          addComboSums(rollupRow(rows, event, userId, dimension, dimensionKey).sums, sums);
        }
      }
    }
  }
  addLatencyRows(rows, events);
  return [...rows.values(), ...performanceRows(events)];
}

/**
 * The latency histogram rows of a batch: successful calls per (day, bucket) for each user — all
 * services together, member '*|<bound>' — and per (day, service, bucket) for everyone. Per user
 * and service would multiply the rows by the services for a figure only the site view shows.
 */
function addLatencyRows(rows: RollupRows, events: UsageEvent[]) {
  const counts = new Map<string, { event: UsageEvent; key: string; calls: number }>();
  for (const event of events) {
    if (!event.success) continue;
    const key = latencyKey(event.service, event.latencyMs);
    const id = `${event.day}|${event.userId}|${key}|${event.seeded}`;
    const entry = counts.get(id);
    if (entry) entry.calls += 1;
    else counts.set(id, { event, key, calls: 1 });
  }
  const add = (event: UsageEvent, userId: number, dimensionKey: string, calls: number) => {
    rollupRow(rows, event, userId, LATENCY_DIMENSION, dimensionKey).sums.requests += BigInt(calls);
  };
  for (const { event, key, calls } of counts.values()) {
    add(event, event.userId ?? 0, `${ALL_SERVICES}${key.slice(key.lastIndexOf('|'))}`, calls);
    add(event, EVERYONE, key, calls);
  }
}

/** The service part of a user's latency members: every service together. */
export const ALL_SERVICES = '*';
