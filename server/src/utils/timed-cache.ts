/**
 * A value read from the database at most once per `ttlMs`, as the gateway's controls keep their
 * lists (budgets, rate limits, access rules): every call asks, few change. Callers arriving while
 * it is being read share that read (a burst after the TTL is one query, not one per call); a
 * `clear()` during a read keeps that read's answer out of the cache. If a read fails and an older
 * value is known, `onStale` is told and the older value serves (the database is away).
 */
export function createTimedCache<T>(
  ttlMs: number,
  load: () => Promise<T>,
  onStale: (error: Error, ageMs: number) => void = () => {}
) {
  let held: { at: number; value: T } | null = null;
  let reading: Promise<T> | null = null;
  let generation = 0;

  async function refresh(): Promise<T> {
    const started = generation;
    try {
      const value = await load();
      if (started === generation) held = { at: Date.now(), value };
      return value;
    } catch (error) {
      if (!held) throw error;
      onStale(error as Error, Date.now() - held.at);
      return held.value;
    }
  }

  return {
    get(): Promise<T> {
      if (held && Date.now() - held.at < ttlMs) return Promise.resolve(held.value);
      if (!reading) {
        const read: Promise<T> = refresh().finally(() => {
          if (reading === read) reading = null;
        });
        reading = read;
      }
      return reading;
    },
    clear() {
      held = null;
      reading = null;
      generation += 1;
    },
  };
}
