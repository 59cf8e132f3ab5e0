import { LATENCY_BOUNDS, latencyBound, latencyKey, parseLatencyKey, percentiles } from '../latency';

describe('the latency scale', () => {
  it('has 12 bounds a decade (E12) from 10 ms to 820 s', () => {
    expect(LATENCY_BOUNDS).toHaveLength(60);
    expect(LATENCY_BOUNDS.slice(0, 13)).toEqual([
      10, 12, 15, 18, 22, 27, 33, 39, 47, 56, 68, 82, 100,
    ]);
    expect(LATENCY_BOUNDS[LATENCY_BOUNDS.length - 1]).toBe(820_000);
    for (let i = 1; i < LATENCY_BOUNDS.length; i += 1)
      expect(LATENCY_BOUNDS[i]).toBeGreaterThan(LATENCY_BOUNDS[i - 1]);
  });

  it('puts a latency in the bucket of the smallest bound at or above it', () => {
    expect(latencyBound(0)).toBe(10);
    expect(latencyBound(10)).toBe(10);
    expect(latencyBound(10.5)).toBe(12);
    expect(latencyBound(101)).toBe(120);
    expect(latencyBound(4_700)).toBe(4_700);
    expect(latencyBound(4_701)).toBe(5_600);
    expect(latencyBound(820_000)).toBe(820_000);
    expect(latencyBound(820_001)).toBeNull();
  });

  it('keys a bucket by service and bound, and reads the key back', () => {
    expect(latencyKey('chat', 95)).toBe('chat|100');
    expect(latencyKey('embedding', 10_000_000)).toBe('embedding|over');
    expect(parseLatencyKey('chat|100')).toEqual({ service: 'chat', bound: 100 });
    expect(parseLatencyKey('embedding|over')).toEqual({ service: 'embedding', bound: null });
    expect(parseLatencyKey('*|12')).toEqual({ service: '*', bound: 12 });
  });
});

describe('latency percentiles', () => {
  it('are nearest-rank: the ⌈p·n⌉-th smallest call, reported as its bucket’s bound', () => {
    expect(
      percentiles(
        new Map([
          [10, 50],
          [100, 45],
          [1000, 5],
        ])
      )
    ).toEqual({ p50Ms: 10, p95Ms: 100, calls: 100 });
    // One call fewer under 100 ms and the 95th call is in the 1,000 ms bucket.
    expect(
      percentiles(
        new Map([
          [10, 50],
          [100, 44],
          [1000, 6],
        ])
      )
    ).toEqual({ p50Ms: 10, p95Ms: 1000, calls: 100 });
  });

  it('sorts buckets by bound, counts bigint sums, and puts the open bucket last', () => {
    expect(
      percentiles(
        new Map<number | null, bigint>([
          [null, 3n],
          [1000, 1n],
          [12, 1n],
        ])
      )
    ).toEqual({ p50Ms: null, p95Ms: null, calls: 5 });
    expect(
      percentiles(
        new Map<number | null, bigint>([
          [null, 1n],
          [1000, 2n],
          [12, 2n],
        ])
      )
    ).toEqual({ p50Ms: 1000, p95Ms: null, calls: 5 });
  });

  it('are null without calls, and a single call is every percentile', () => {
    expect(percentiles(new Map())).toEqual({ p50Ms: null, p95Ms: null, calls: 0 });
    expect(percentiles(new Map([[47, 0]]))).toEqual({ p50Ms: null, p95Ms: null, calls: 0 });
    expect(percentiles(new Map([[47, 1]]))).toEqual({ p50Ms: 47, p95Ms: 47, calls: 1 });
  });
});
