/**
 * The plugin's one "now": the time a call is stamped with, the budget windows it counts in and the
 * end of every analytics range. One clock, so a test that moves it across a day or month boundary
 * moves all three together, as real time would.
 */
export function createClock() {
  let read = () => new Date();
  return {
    now: (): Date => read(),
    /** Pins "now" (tests crossing day and month boundaries); `null` returns to real time. */
    set(clock: (() => Date) | null) {
      read = clock ?? (() => new Date());
    },
  };
}

export type Clock = ReturnType<typeof createClock>;
