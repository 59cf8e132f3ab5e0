/** mulberry32: a small, fast PRNG; the same seed gives the same sequence on every machine. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    /** Picks by weight: [[item, weight], …]. */
    weighted: <T>(items: ReadonlyArray<readonly [T, number]>) => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1][0];
    },
    /** Long-tailed positive values (log-normal) around `median`. */
    longTail: (median: number, spread = 1) => {
      const u = Math.max(next(), 1e-12);
      const v = next();
      const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return Math.max(1, Math.round(median * Math.exp(normal * spread)));
    },
    /**
     * A UUIDv7-shaped id for an event at `ms`: the time first, then bits drawn from the sequence.
     * Ids of events in time order are in index order too, so a bulk insert appends to the index.
     */
    uuidAt: (ms: number) => {
      const word = () =>
        Math.floor(next() * 4294967296)
          .toString(16)
          .padStart(8, '0');
      const time = ms.toString(16).padStart(12, '0');
      const hex = word() + word();
      return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex.slice(1, 4)}-a${hex.slice(5, 8)}-${hex.slice(8, 16)}${hex.slice(0, 4)}`;
    },
  };
}

export type Random = ReturnType<typeof createRandom>;
