import { PLAIN_OUTCOME } from '../../../../tests/support/event-defaults';
import type { UsageEvent } from '../event';
import { foldIntoRollups } from '../rollups';
import {
  LATENCY_MODEL_DIMENSION,
  performanceRows,
  STREAM_MODEL_DIMENSION,
  TTFT_MODEL_DIMENSION,
} from '../performance-rollups';

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
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  unitKind: null,
  units: 0,
  costNano: 1n,
  costRemainderFemto: 0,
  cacheSavingsNano: 0n,
  priceSource: 'catalogue',
  ...PLAIN_OUTCOME,
  latencyMs: 95,
  ...overrides,
});

/** '<dimension>|<member>|<seeded>' → requests, outputTokens, latencyMsSum. */
const summary = (events: UsageEvent[]) =>
  Object.fromEntries(
    performanceRows(events).map((r) => [
      `${r.day}|${r.userId}|${r.dimension}|${r.dimensionKey}|${r.seeded}`,
      [r.sums.requests, r.sums.outputTokens, r.sums.latencyMsSum],
    ])
  );

describe("the Performance panel's rollup rows", () => {
  it('bucket successful calls per model, and streams with a first token per model', () => {
    const rows = summary([
      event({ latencyMs: 95 }),
      event({ latencyMs: 99 }),
      event({ latencyMs: 1_300, streamed: true, ttftMs: 300, outputTokens: 500 }),
      event({ latencyMs: 2_000, streamed: true, ttftMs: 1_000, outputTokens: 250, modelId: null }),
      // A stream without a first token (it failed before one, or the adapter cannot tell): latency only.
      event({ latencyMs: 40, streamed: true, ttftMs: null }),
      // Failed calls and a budget refusal are not performance: no rows.
      event({ success: false, errorCode: 'provider_error', latencyMs: 5 }),
      event({ success: false, errorCode: 'budget_exceeded', latencyMs: 0 }),
    ]);
    expect(rows).toEqual({
      [`2026-03-29|-1|${LATENCY_MODEL_DIMENSION}|5|100|false`]: [2n, 0n, 0n],
      [`2026-03-29|-1|${LATENCY_MODEL_DIMENSION}|5|1500|false`]: [1n, 0n, 0n],
      [`2026-03-29|-1|${LATENCY_MODEL_DIMENSION}|5|47|false`]: [1n, 0n, 0n],
      [`2026-03-29|-1|${LATENCY_MODEL_DIMENSION}|0|2200|false`]: [1n, 0n, 0n],
      [`2026-03-29|-1|${TTFT_MODEL_DIMENSION}|5|330|false`]: [1n, 0n, 0n],
      [`2026-03-29|-1|${TTFT_MODEL_DIMENSION}|0|1000|false`]: [1n, 0n, 0n],
      [`2026-03-29|-1|${STREAM_MODEL_DIMENSION}|5|false`]: [1n, 500n, 1_000n],
      [`2026-03-29|-1|${STREAM_MODEL_DIMENSION}|0|false`]: [1n, 250n, 1_000n],
    });
  });

  it('keep seeded calls, days and the open last bucket apart, and never count negative generation time', () => {
    const rows = summary([
      event({ seeded: true }),
      event({ day: '2026-03-30' }),
      event({ latencyMs: 900_000 }),
      event({ latencyMs: 100, streamed: true, ttftMs: 120, outputTokens: 7 }),
    ]);
    expect(rows[`2026-03-29|-1|${LATENCY_MODEL_DIMENSION}|5|100|true`]).toEqual([1n, 0n, 0n]);
    expect(rows[`2026-03-30|-1|${LATENCY_MODEL_DIMENSION}|5|100|false`]).toEqual([1n, 0n, 0n]);
    expect(rows[`2026-03-29|-1|${LATENCY_MODEL_DIMENSION}|5|over|false`]).toEqual([1n, 0n, 0n]);
    expect(rows[`2026-03-29|-1|${STREAM_MODEL_DIMENSION}|5|false`]).toEqual([1n, 7n, 0n]);
  });

  it('are part of the fold the usage store writes, for everyone only', () => {
    const rows = foldIntoRollups([event({ streamed: true, ttftMs: 20 })]);
    const mine = rows.filter((r) =>
      [LATENCY_MODEL_DIMENSION, TTFT_MODEL_DIMENSION, STREAM_MODEL_DIMENSION].includes(
        r.dimension as string
      )
    );
    expect(mine.map((r) => `${r.userId}|${r.dimension}|${r.dimensionKey}`).sort()).toEqual([
      `-1|${LATENCY_MODEL_DIMENSION}|5|100`,
      `-1|${STREAM_MODEL_DIMENSION}|5`,
      `-1|${TTFT_MODEL_DIMENSION}|5|22`,
    ]);
  });
});
