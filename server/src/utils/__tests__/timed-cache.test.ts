import { createTimedCache } from '../timed-cache';

/** A load the test settles by hand, counting how often it was asked. */
function manualLoad<T>() {
  const pending: Array<{ resolve: (v: T) => void; reject: (e: Error) => void }> = [];
  let calls = 0;
  const load = () => {
    calls += 1;
    return new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { load, pending, calls: () => calls };
}

describe('createTimedCache: the controls’ lists, read at most once per TTL', () => {
  it('shares one read between callers that arrive while it runs', async () => {
    const source = manualLoad<string[]>();
    const cache = createTimedCache(10_000, source.load);
    const burst = Array.from({ length: 200 }, () => cache.get());
    expect(source.calls()).toBe(1);
    source.pending[0].resolve(['a']);
    expect(new Set(await Promise.all(burst))).toEqual(new Set([['a']]));
    await cache.get();
    expect(source.calls()).toBe(1);
  });

  it('keeps a read that was running when the list was cleared out of the cache', async () => {
    const source = manualLoad<string>();
    const cache = createTimedCache(10_000, source.load);
    const before = cache.get();
    cache.clear();
    const after = cache.get();
    expect(source.calls()).toBe(2);
    source.pending[0].resolve('old');
    source.pending[1].resolve('new');
    await expect(before).resolves.toBe('old');
    await expect(after).resolves.toBe('new');
    await expect(cache.get()).resolves.toBe('new');
  });

  it('serves the last known value when a read fails, and fails when none is known', async () => {
    let fail = false;
    const stale: number[] = [];
    const cache = createTimedCache(
      0,
      async () => {
        if (fail) throw new Error('database away');
        return 'known';
      },
      (_error, ageMs) => stale.push(ageMs)
    );
    await expect(cache.get()).resolves.toBe('known');
    fail = true;
    await expect(cache.get()).resolves.toBe('known');
    expect(stale).toHaveLength(1);
    cache.clear();
    await expect(cache.get()).rejects.toThrow('database away');
  });
});
