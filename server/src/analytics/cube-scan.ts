import { METRIC_SOURCE, METRICS, MONEY_SUMS, type Metric, type Sums } from '../usage/metrics';
import type { Dimension, Group } from './aggregate';

/** The members a combination is grouped by (entries are not in the combinations). */
export type CubeMember = Exclude<Dimension, 'entry'>;
export const CUBE_MEMBERS: CubeMember[] = [
  'bucket',
  'providerId',
  'modelId',
  'configurationId',
  'service',
  'taskId',
  'source',
  'userId',
  'apiTokenId',
  'errorCode',
  'contentType',
  'tag',
];
const TEXT_MEMBERS = new Set<CubeMember>([
  'bucket',
  'service',
  'source',
  'errorCode',
  'contentType',
  'tag',
]);

export const isMoney = (metric: Metric) =>
  (MONEY_SUMS as readonly string[]).includes(METRIC_SOURCE[metric]);
/** Counts and tokens are summed as numbers (far below 2^53 for any period); money as bigint. */
const COUNTS = METRICS.filter((m) => !isMoney(m));
const MONEY = METRICS.filter(isMoney);

/** One stored combination, read: its members, its counts and its money. */
export interface ScannedRow {
  members: Record<CubeMember, string | number>;
  counts: number[];
  money: bigint[];
}

/** A row as the database returns it (aliases m_<member>, s_<metric>) → a scanned row. */
export function scannedRow(row: Record<string, unknown>): ScannedRow {
  const members = {} as Record<CubeMember, string | number>;
  for (const member of CUBE_MEMBERS) {
    const value = row[`m_${member.toLowerCase()}`];
    members[member] = TEXT_MEMBERS.has(member) ? String(value ?? '') : Number(value ?? 0);
  }
  return {
    members,
    counts: COUNTS.map((m) => Number(row[`s_${m.toLowerCase()}`] ?? 0)),
    money: MONEY.map((m) => BigInt(String(row[`s_${m.toLowerCase()}`] ?? 0))),
  };
}

/**
 * Groups a filtered period's combinations by some members, in memory: a filtered page reads its
 * combinations once and folds every grouping it shows from them (one scan instead of one per
 * grouping). Tag rows (tag ≠ '') count only in a grouping by tag, as in cube-query.ts.
 */
export function groupScanned(
  rows: ScannedRow[],
  dimensions: Dimension[],
  wanted?: Metric[]
): Group[] {
  if (dimensions.includes('entry')) throw new Error('Entries are not in the daily combinations');
  const members = dimensions as CubeMember[];
  const byTag = members.includes('tag');
  const counts = COUNTS.map((m, i) => [m, i] as const).filter(
    ([m]) => !wanted || wanted.includes(m)
  );
  const money = MONEY.map((m, i) => [m, i] as const).filter(([m]) => !wanted || wanted.includes(m));
  const out = new Map<string, { first: ScannedRow; counts: number[]; money: bigint[] }>();
  for (const row of rows) {
    if ((row.members.tag !== '') !== byTag) continue;
    const key = members.map((m) => row.members[m]).join('\u0000');
    let into = out.get(key);
    if (!into) {
      into = { first: row, counts: COUNTS.map(() => 0), money: MONEY.map(() => 0n) };
      out.set(key, into);
    }
    for (const [, i] of counts) into.counts[i] += row.counts[i];
    for (const [, i] of money) into.money[i] += row.money[i];
  }
  return [...out.values()].map(({ first, counts: c, money: s }) => {
    const group: Group = { sums: {} as Sums };
    for (const m of members) (group as Record<string, unknown>)[m] = first.members[m];
    for (const [i, m] of COUNTS.entries()) group.sums[m] = BigInt(c[i]);
    for (const [i, m] of MONEY.entries()) group.sums[m] = s[i];
    return group;
  });
}
