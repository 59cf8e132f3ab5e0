import type { Core } from '@strapi/strapi';
import { rollupRows, usageRows } from './fixtures';

const SUMS = [
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'units',
  'costNano',
  'costRemainderFemto',
  'cacheSavingsNano',
  'savedNano',
] as const;
const FAILED = ['failedCostNano', 'failedCostRemainderFemto'] as const;
const ALL = [...SUMS, ...FAILED, 'cacheHits'];

/** The latency scale's bucket bound for a latency, written out independently (E12, 10 ms … 820 s). */
const E12 = [10, 12, 15, 18, 22, 27, 33, 39, 47, 56, 68, 82];
const latencyBucket = (ms: number) =>
  String(
    [1, 10, 100, 1000, 10_000].flatMap((d) => E12.map((m) => m * d)).find((b) => ms <= b) ?? 'over'
  );

/**
 * Recomputes every daily rollup row from the raw events, written independently of the plugin's
 * fold: for each event, its user's row and everyone's (-1) row of each dimension.
 */
const zero = (): Record<string, bigint> => ({
  requests: 0n,
  failures: 0n,
  blockedRequests: 0n,
  ...Object.fromEntries(ALL.map((s) => [s, 0n])),
});

export function rollupsFromEvents(events: any[]): Map<string, Record<string, bigint>> {
  const expected = new Map<string, Record<string, bigint>>();
  for (const e of events) {
    const members: Array<[string, string]> = [
      ['total', ''],
      ['provider', String(e.providerId ?? 0)],
      ['model', String(e.modelId ?? 0)],
      ['configuration', String(e.configurationId ?? 0)],
      ['task', String(e.taskId ?? 0)],
      ['service', e.service],
      ['source', e.source ?? ''],
      ['contentType', e.entryUid ?? ''],
      ['entry', e.entryUid && e.entryDocumentId ? `${e.entryUid}|${e.entryDocumentId}` : ''],
      ['apiToken', String(e.apiTokenId ?? 0)],
      ['errorCode', e.success ? '' : (e.errorCode ?? 'unknown')],
      ...tagsOf(e).map((tag): [string, string] => ['tag', tag]),
    ];
    for (const user of [e.userId ?? 0, -1]) addEvent(expected, e, user, members);
    addPerformanceRows(expected, e);
  }
  return expected;
}

/**
 * The Performance panel's rows (usage/performance-rollups.ts), for everyone only: successful calls
 * per model and latency bucket; successful streams with a first token per model and TTFT bucket;
 * and those streams' output tokens and generation time (latency − TTFT, never negative) per model.
 */
function addPerformanceRows(expected: Map<string, Record<string, bigint>>, e: any) {
  if (!e.success) return;
  const model = String(e.modelId ?? 0);
  const add = (dimension: string, member: string, more: Record<string, bigint> = {}) => {
    const key = [e.day, -1, dimension, member, Boolean(e.seeded)].join('|');
    const sums = expected.get(key) ?? zero();
    sums.requests += 1n;
    // Only the sums this comparison reads (latencyMsSum is not among them: performance.test.ts
    // checks the generation time through tokens per second).
    for (const [s, v] of Object.entries(more)) if (s in sums) sums[s] += v;
    expected.set(key, sums);
  };
  add('latency-model', `${model}|${latencyBucket(e.latencyMs)}`);
  if (!e.streamed || e.ttftMs === null) return;
  add('ttft-model', `${model}|${latencyBucket(e.ttftMs)}`);
  add('stream-model', model, {
    outputTokens: BigInt(e.outputTokens),
    latencyMsSum: BigInt(Math.max(0, e.latencyMs - e.ttftMs)),
  });
}

/** A call's tags as documented (metadata.tags and metadata.tag, trimmed, deduplicated); [''] for none. */
function tagsOf(e: any): string[] {
  const m = typeof e.metadata === 'string' ? JSON.parse(e.metadata) : e.metadata;
  const raw = [
    ...(Array.isArray(m?.tags) ? m.tags : []),
    ...(typeof m?.tag === 'string' ? [m.tag] : []),
  ];
  const tags = [
    ...new Set(
      raw
        .filter((t: unknown) => typeof t === 'string')
        .map((t: string) => t.trim())
        .filter(Boolean)
    ),
  ];
  return tags.length ? (tags as string[]) : [''];
}

function addEvent(
  expected: Map<string, Record<string, bigint>>,
  e: any,
  user: number,
  members: Array<[string, string]>
) {
  for (const [plain, member] of members) {
    const key = [e.day, user, plain, member, Boolean(e.seeded)].join('|');
    const sums = expected.get(key) ?? zero();
    if (e.errorCode === 'budget_exceeded') sums.blockedRequests += 1n;
    else {
      sums.requests += 1n;
      if (!e.success) sums.failures += 1n;
      for (const s of SUMS) sums[s] += BigInt(e[s] ?? 0);
      if (e.cacheHit) sums.cacheHits += 1n;
      if (!e.success) {
        sums.failedCostNano += BigInt(e.costNano ?? 0);
        sums.failedCostRemainderFemto += BigInt(e.costRemainderFemto ?? 0);
      }
    }
    expected.set(key, sums);
  }
  // The latency histogram: successful calls per bucket, per service for everyone, all services together per user.
  if (e.success) {
    const key = [
      e.day,
      user,
      'latency',
      `${user === -1 ? e.service : '*'}|${latencyBucket(e.latencyMs)}`,
      Boolean(e.seeded),
    ].join('|');
    const sums = expected.get(key) ?? zero();
    sums.requests += 1n;
    expected.set(key, sums);
  }
}

/** Every rollup row in the database, keyed like rollupsFromEvents. */
export async function storedRollups(strapi: Core.Strapi, where: Record<string, unknown> = {}) {
  const rows = await rollupRows(strapi, where);
  return new Map(
    rows.map((r) => [
      [r.day, r.userId, r.dimension, r.dimensionKey, Boolean(r.seeded)].join('|'),
      {
        requests: BigInt(r.requests),
        failures: BigInt(r.failures),
        blockedRequests: BigInt(r.blockedRequests),
        ...Object.fromEntries(ALL.map((s) => [s, BigInt(r[s])])),
      },
    ])
  );
}

/** Asserts that the rollups equal the sum of the events, row by row, to the last nano-dollar; returns the events. */
export async function expectRollupsEqualEvents(
  strapi: Core.Strapi,
  where: Record<string, unknown> = {}
) {
  const events = await usageRows(strapi, where);
  expect(await storedRollups(strapi, where)).toEqual(rollupsFromEvents(events));
  return events;
}

/** The everyone-row sums of one member of one dimension, over all days. */
export async function rollupTotal(strapi: Core.Strapi, dimension: string, member: string | number) {
  const rows = await rollupRows(strapi, { dimension, dimensionKey: String(member), userId: -1 });
  const total: Record<string, bigint> = {};
  for (const row of rows)
    for (const [k, v] of Object.entries(row))
      if (
        /^(requests|failures|blockedRequests|unpricedRequests|costNano|inputTokens|outputTokens)$/.test(
          k
        )
      )
        total[k] = (total[k] ?? 0n) + BigInt(v as string);
  return total;
}
