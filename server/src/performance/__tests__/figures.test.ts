import { latencyBound } from '../../usage/latency';
import {
  bucketFigures,
  HISTOGRAM_MAX_RELATIVE_ERROR,
  modelFigures,
  percentilesOf,
  tokensPerSecond,
} from '../figures';
import { methodFor } from '../document';
import type { ResolvedRange } from '../../analytics/range';
import { emptySamples, latencyCounts, type Counts } from '../samples';

/** Deterministic pseudo-random numbers, so a failure is reproducible. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Nearest rank the plain way: sort, take the ⌈p·n⌉-th. */
const nearestRank = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.ceil((p * values.length) / 100) - 1];

const countsOf = (values: number[], toKey: (v: number) => number | null = (v) => v): Counts => {
  const counts: Counts = new Map();
  for (const v of values) counts.set(toKey(v), (counts.get(toKey(v)) ?? 0) + 1);
  return counts;
};

describe('performance percentiles', () => {
  it('are exact nearest-rank figures when the counts hold exact durations', () => {
    const values = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
    expect(percentilesOf(countsOf(values))).toEqual({ p50Ms: 5, p95Ms: 10, calls: 10 });
    expect(percentilesOf(countsOf([42]))).toEqual({ p50Ms: 42, p95Ms: 42, calls: 1 });
    expect(percentilesOf(undefined)).toEqual({ p50Ms: null, p95Ms: null, calls: 0 });
  });

  it('state the histogram bound as the widest step of the scale: 15/12 − 1', () => {
    expect(HISTOGRAM_MAX_RELATIVE_ERROR).toBeCloseTo(0.25, 12);
  });

  it.each([
    ['long-tailed (log-uniform 10 ms – 60 s)', (r: () => number) => 10 * Math.pow(6000, r())],
    ['narrow (800–1,300 ms)', (r: () => number) => 800 + 500 * r()],
    [
      'whole ms just past bounds (121, 1,201 …)',
      (r: () => number) => [121, 1201, 13, 151][Math.floor(r() * 4)],
    ],
  ])(
    'from a histogram are never below the exact value, and at most the bound above: %s',
    (_, draw) => {
      const random = rng(7);
      for (let trial = 0; trial < 50; trial += 1) {
        const values = Array.from({ length: 1 + Math.floor(random() * 3000) }, () =>
          Math.round(draw(random))
        );
        const sketch = percentilesOf(countsOf(values, latencyBound));
        for (const [p, got] of [
          [50, sketch.p50Ms],
          [95, sketch.p95Ms],
        ] as const) {
          const exact = nearestRank(values, p);
          expect(got).not.toBeNull();
          expect(got!).toBeGreaterThanOrEqual(exact);
          expect(got!).toBeLessThanOrEqual(exact * (1 + HISTOGRAM_MAX_RELATIVE_ERROR));
        }
      }
    }
  );

  it('give tokens per second as a ratio of sums, null without generation time', () => {
    expect(tokensPerSecond({ outputTokens: 500, generationMs: 1_000 })).toBe(500);
    expect(tokensPerSecond({ outputTokens: 1, generationMs: 3_000 })).toBe(0.3);
    expect(tokensPerSecond({ outputTokens: 9, generationMs: 0 })).toBeNull();
    expect(tokensPerSecond(undefined)).toBeNull();
  });

  it('rank models by calls and give each bucket of the period, empty ones included', () => {
    const samples = emptySamples();
    for (const v of [100, 200, 300]) latencyCounts(samples, '3', '2026-03-01').set(v, 1);
    latencyCounts(samples, '4', '2026-03-02').set(50, 7);
    samples.streams.set('3', { outputTokens: 100, generationMs: 2_000 });
    const models = modelFigures(samples, (key) => `Model ${key}`);
    expect(models.map((m) => [m.key, m.label, m.latency.calls, m.tokensPerSecond])).toEqual([
      ['4', 'Model 4', 7, null],
      ['3', 'Model 3', 3, 50],
    ]);
    expect(models[1].latency).toEqual({ p50Ms: 200, p95Ms: 300, calls: 3 });
    const buckets = bucketFigures(samples, ['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(buckets.map((b) => Object.keys(b.models))).toEqual([['3'], ['4'], []]);
  });
});

describe('the method of a request', () => {
  const range = (days: number, bucket: 'day' | 'hour' = 'day') =>
    ({ bucket, buckets: Array.from({ length: days }, (_, i) => `d${i}`) }) as ResolvedRange;
  it('is exact up to 7 days, for the hourly range and under any filter but model', () => {
    expect(methodFor(range(7), {})).toBe('exact');
    expect(methodFor(range(24, 'hour'), {})).toBe('exact');
    expect(methodFor(range(8), {})).toBe('histogram');
    expect(methodFor(range(90), { model: ['3'] })).toBe('histogram');
    expect(methodFor(range(90), { provider: ['1'] })).toBe('exact');
    expect(methodFor(range(90), { status: ['success'], model: ['3'] })).toBe('exact');
  });
});
