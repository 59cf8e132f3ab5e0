import { PLAIN_OUTCOME } from '../../../../tests/support/event-defaults';
import type { UsageEvent } from '../event';
import {
  ALL_SERVICES,
  entryKey,
  EVERYONE,
  foldIntoRollups,
  LATENCY_DIMENSION,
  ROLLUP_DIMENSIONS,
  type RollupRow,
} from '../rollups';
import { PERFORMANCE_DIMENSIONS } from '../performance-rollups';

const isPerformanceRow = (row: RollupRow) =>
  (PERFORMANCE_DIMENSIONS as readonly string[]).includes(row.dimension);

let nextId = 0;
const event = (overrides: Partial<UsageEvent> = {}): UsageEvent => ({
  requestId: `req-${(nextId += 1)}`,
  occurredAt: new Date('2026-03-29T10:00:00Z'),
  day: '2026-03-29',
  hour: '2026-03-29 12',
  providerId: 3,
  adapter: 'openai',
  modelId: 5,
  modelKey: 'gpt-4o-mini',
  configurationId: 8,
  taskId: null,
  service: 'chat',
  source: 'admin',
  userId: 7,
  apiTokenId: null,
  inputTokens: 1_000,
  outputTokens: 200,
  cacheReadTokens: 100,
  cacheWriteTokens: 0,
  reasoningTokens: 20,
  unitKind: null,
  units: 0,
  costNano: 270_000n,
  costRemainderFemto: 125,
  cacheSavingsNano: 7_500n,
  priceSource: 'catalogue',
  ...PLAIN_OUTCOME,
  latencyMs: 95,
  ...overrides,
});

/** The rows of a fold, by 'day|user|dimension|member|seeded'. */
const byKey = (rows: RollupRow[]) =>
  new Map(
    rows.map((r) => [`${r.day}|${r.userId}|${r.dimension}|${r.dimensionKey}|${r.seeded}`, r])
  );

describe('folding usage events into daily rollup rows', () => {
  it('counts one call once in every dimension, for its user and for everyone', () => {
    // The Performance panel's rows are tested in performance-rollups.test.ts.
    const all = foldIntoRollups([event()]).filter((r) => !isPerformanceRow(r));
    // 12 breakdown dimensions × (user 7, everyone) + one latency row for each.
    expect(all).toHaveLength(ROLLUP_DIMENSIONS.length * 2 + 2);
    const rows = all;
    const keys = [...byKey(rows).keys()].sort();
    expect(keys).toEqual(
      [
        '2026-03-29|7|total||false',
        '2026-03-29|7|provider|3|false',
        '2026-03-29|7|model|5|false',
        '2026-03-29|7|configuration|8|false',
        '2026-03-29|7|task|0|false',
        '2026-03-29|7|service|chat|false',
        '2026-03-29|7|source|admin|false',
        '2026-03-29|7|contentType||false',
        '2026-03-29|7|entry||false',
        '2026-03-29|7|apiToken|0|false',
        '2026-03-29|7|errorCode||false',
        '2026-03-29|7|tag||false',
        '2026-03-29|7|latency|*|100|false',
        '2026-03-29|-1|total||false',
        '2026-03-29|-1|provider|3|false',
        '2026-03-29|-1|model|5|false',
        '2026-03-29|-1|configuration|8|false',
        '2026-03-29|-1|task|0|false',
        '2026-03-29|-1|service|chat|false',
        '2026-03-29|-1|source|admin|false',
        '2026-03-29|-1|contentType||false',
        '2026-03-29|-1|entry||false',
        '2026-03-29|-1|apiToken|0|false',
        '2026-03-29|-1|errorCode||false',
        '2026-03-29|-1|tag||false',
        '2026-03-29|-1|latency|chat|100|false',
      ].sort()
    );
    const total = byKey(rows).get('2026-03-29|7|total||false')!;
    expect(total.sums).toEqual({
      requests: 1n,
      failures: 0n,
      blockedRequests: 0n,
      unpricedRequests: 0n,
      streamedRequests: 0n,
      inputTokens: 1_000n,
      outputTokens: 200n,
      cacheReadTokens: 100n,
      cacheWriteTokens: 0n,
      reasoningTokens: 20n,
      units: 0n,
      costNano: 270_000n,
      costRemainderFemto: 125n,
      failedCostNano: 0n,
      failedCostRemainderFemto: 0n,
      cacheSavingsNano: 7_500n,
      latencyMsSum: 95n,
      cacheHits: 0n,
      savedNano: 0n,
    });
    expect(byKey(rows).get('2026-03-29|-1|model|5|false')!.sums).toEqual(total.sums);
  });

  it('a response-cache hit is a request with no tokens or cost, counted in cacheHits with what it saved', () => {
    const hit = event({
      cacheHit: true,
      savedNano: 270_000n,
      costNano: 0n,
      costRemainderFemto: 0,
      cacheSavingsNano: 0n,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      reasoningTokens: 0,
    });
    const rows = byKey(foldIntoRollups([event(), hit]));
    expect(rows.get('2026-03-29|-1|configuration|8|false')!.sums).toMatchObject({
      requests: 2n,
      cacheHits: 1n,
      savedNano: 270_000n,
      costNano: 270_000n,
      inputTokens: 1_000n,
    });
  });

  it('adds calls that share a member and keeps apart those that do not', () => {
    const rows = byKey(
      foldIntoRollups([
        event({ costNano: 1n, costRemainderFemto: -400_000, latencyMs: 10 }),
        event({ configurationId: 9, costNano: 2n, costRemainderFemto: 300_000, latencyMs: 11 }),
        event({ userId: 4, costNano: 4n, costRemainderFemto: 0, latencyMs: 900_000 }),
      ])
    );
    expect(rows.get('2026-03-29|-1|total||false')!.sums).toMatchObject({
      requests: 3n,
      costNano: 7n,
      costRemainderFemto: -100_000n,
      inputTokens: 3_000n,
      latencyMsSum: 900_021n,
    });
    expect(rows.get('2026-03-29|7|total||false')!.sums).toMatchObject({
      requests: 2n,
      costNano: 3n,
    });
    expect(rows.get('2026-03-29|-1|configuration|8|false')!.sums.requests).toBe(2n);
    expect(rows.get('2026-03-29|-1|configuration|9|false')!.sums.requests).toBe(1n);
    expect(rows.get('2026-03-29|4|configuration|8|false')!.sums.requests).toBe(1n);
    // Latency: 10 ms and 11 ms fall in different buckets, 900 s past the last one.
    expect(rows.get('2026-03-29|7|latency|*|10|false')!.sums.requests).toBe(1n);
    expect(rows.get('2026-03-29|7|latency|*|12|false')!.sums.requests).toBe(1n);
    expect(rows.get('2026-03-29|-1|latency|chat|over|false')!.sums.requests).toBe(1n);
  });

  it('counts a call a budget refused as blocked only: no request, no tokens, no latency', () => {
    const rows = foldIntoRollups([
      event({
        success: false,
        errorCode: 'budget_exceeded',
        costNano: null,
        costRemainderFemto: 0,
        cacheSavingsNano: 0n,
      }),
    ]);
    expect(rows.some((r) => r.dimension === LATENCY_DIMENSION)).toBe(false);
    const total = byKey(rows).get('2026-03-29|-1|total||false')!;
    expect(total.sums.blockedRequests).toBe(1n);
    expect(total.sums.requests).toBe(0n);
    expect(total.sums.failures).toBe(0n);
    expect(total.sums.inputTokens).toBe(0n);
    expect(total.sums.latencyMsSum).toBe(0n);
  });

  it('keeps what failed calls cost apart, and counts successful unpriced calls', () => {
    const rows = byKey(
      foldIntoRollups([
        event({
          success: false,
          errorCode: 'provider_error',
          costNano: 50n,
          costRemainderFemto: 7,
        }),
        event({ costNano: null, costRemainderFemto: 0, cacheSavingsNano: 0n, streamed: true }),
        // A failed call with no price is a failure, not an unpriced request.
        event({ success: false, errorCode: 'provider_timeout', costNano: null }),
      ])
    );
    expect(rows.get('2026-03-29|7|total||false')!.sums).toMatchObject({
      requests: 3n,
      failures: 2n,
      unpricedRequests: 1n,
      streamedRequests: 1n,
      costNano: 50n,
      costRemainderFemto: 7n,
      failedCostNano: 50n,
      failedCostRemainderFemto: 7n,
      cacheSavingsNano: 7_500n * 2n,
    });
    // Only the successful call is in the latency histogram.
    expect(rows.get('2026-03-29|-1|latency|chat|100|false')!.sums.requests).toBe(1n);
  });

  it('files calls without a user under 0, and never a NULL member', () => {
    const rows = byKey(
      foldIntoRollups([
        event({
          userId: null,
          providerId: null,
          modelId: null,
          configurationId: null,
          source: null,
          service: 'translation',
        }),
      ])
    );
    for (const key of [
      '2026-03-29|0|total||false',
      '2026-03-29|0|provider|0|false',
      '2026-03-29|0|model|0|false',
      '2026-03-29|0|configuration|0|false',
      '2026-03-29|0|source||false',
      '2026-03-29|0|latency|*|100|false',
      '2026-03-29|-1|latency|translation|100|false',
    ])
      expect(rows.get(key)?.sums.requests).toBe(1n);
  });

  it('keys an entry by content type and document, all its locales together', () => {
    const onEntry = { entryUid: 'api::article.article', entryDocumentId: 'doc1' };
    const rows = byKey(
      foldIntoRollups([
        event({ ...onEntry, entryLocale: 'en' }),
        event({ ...onEntry, entryLocale: 'fr' }),
        event({ entryUid: 'api::article.article', entryDocumentId: 'doc2' }),
      ])
    );
    expect(rows.get('2026-03-29|-1|entry|api::article.article|doc1|false')!.sums.requests).toBe(2n);
    expect(rows.get('2026-03-29|-1|contentType|api::article.article|false')!.sums.requests).toBe(
      3n
    );
    expect(entryKey('api::article.article', 'doc1')).toBe('api::article.article|doc1');
    expect(entryKey('api::article.article', null)).toBe('');
    expect(entryKey(null, 'doc1')).toBe('');
  });

  it('keeps seeded demo calls and each day in rows of their own', () => {
    const rows = byKey(
      foldIntoRollups([
        event(),
        event({ seeded: true }),
        event({ day: '2026-03-30', hour: '2026-03-30 01' }),
      ])
    );
    expect(rows.get('2026-03-29|-1|total||false')!.sums.requests).toBe(1n);
    expect(rows.get('2026-03-29|-1|total||true')!.sums.requests).toBe(1n);
    expect(rows.get('2026-03-30|-1|total||false')!.sums.requests).toBe(1n);
    expect(rows.get('2026-03-29|7|latency|*|100|true')!.seeded).toBe(true);
  });

  it('merges a user’s latency over services, but not everyone’s', () => {
    const rows = foldIntoRollups([
      event({ service: 'chat', latencyMs: 90 }),
      event({ service: 'embedding', latencyMs: 99 }),
    ]).filter((r) => r.dimension === LATENCY_DIMENSION);
    const counts = Object.fromEntries(
      rows.map((r) => [`${r.userId}|${r.dimensionKey}`, r.sums.requests])
    );
    expect(counts).toEqual({
      [`7|${ALL_SERVICES}|100`]: 2n,
      [`${EVERYONE}|chat|100`]: 1n,
      [`${EVERYONE}|embedding|100`]: 1n,
    });
    // A latency row counts calls only.
    expect(rows.every((r) => r.sums.latencyMsSum === 0n && r.sums.costNano === 0n)).toBe(true);
  });

  it('counts a call with two tags once in each, and a failure under its error code', () => {
    const rows = byKey(
      foldIntoRollups([
        event({ metadata: { tags: ['newsletter', ' seo ', 'newsletter'], tag: 'seo' } }),
        event({ success: false, errorCode: 'rate_limited', apiTokenId: 4 }),
        event({ success: false, errorCode: null }),
      ])
    );
    expect(rows.get('2026-03-29|-1|tag|newsletter|false')!.sums.requests).toBe(1n);
    expect(rows.get('2026-03-29|-1|tag|seo|false')!.sums.requests).toBe(1n);
    expect(rows.get('2026-03-29|-1|tag||false')!.sums.requests).toBe(2n);
    expect(rows.get('2026-03-29|-1|errorCode|rate_limited|false')!.sums.failures).toBe(1n);
    expect(rows.get('2026-03-29|-1|errorCode|unknown|false')!.sums.failures).toBe(1n);
    expect(rows.get('2026-03-29|-1|errorCode||false')!.sums.requests).toBe(1n);
    expect(rows.get('2026-03-29|7|apiToken|4|false')!.sums.requests).toBe(1n);
    expect(rows.get('2026-03-29|7|apiToken|0|false')!.sums.requests).toBe(2n);
  });
});
