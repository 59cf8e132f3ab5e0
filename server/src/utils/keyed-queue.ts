/**
 * Work run one at a time per key, in the order it was asked for (the rate limits' statements per
 * counter, the circuit breaker's writes per provider). A failed turn does not stop the next; a
 * key's queue is forgotten once it has drained.
 */
export function createKeyedQueue<K>() {
  const tails = new Map<K, Promise<void>>();
  return {
    /** Runs `work` after the key's earlier turns; settles as `work` does. */
    run<T>(key: K, work: () => Promise<T>): Promise<T> {
      const turn = (tails.get(key) ?? Promise.resolve()).then(work);
      const tail = turn.then(
        () => undefined,
        () => undefined
      );
      tails.set(key, tail);
      void tail.then(() => tails.get(key) === tail && tails.delete(key));
      return turn;
    },
    /** Resolves when the key's turns asked for so far have run. */
    idle: (key: K): Promise<void> => tails.get(key) ?? Promise.resolve(),
    /** Resolves when every turn asked for so far has run. */
    settled: async () => {
      await Promise.all(tails.values());
    },
  };
}
