import type { CallControl } from '../gateway/controls';
import { NO_RESERVATION, type Reservation } from '../gateway/budget-seam';
import { LlmError } from '../gateway/errors';
import type { RateLimit } from '../../../shared/contracts/rate-limits';
import {
  minuteOf,
  secondsLeftIn,
  type PerMinute,
  type RateCounterKey,
  type RateCounters,
} from './counters';
import type { ApplicableLimit, RateLimitDirectory } from './directory';
import { createKeyedQueue } from '../utils/keyed-queue';

const SUBJECT: Record<RateLimit['scope'], string> = {
  user: 'user',
  role: 'each member of role',
  apiToken: 'API token',
  configuration: 'configuration',
};

const perMinute = (limit: RateLimit): PerMinute => ({
  requests: limit.requestsPerMinute ?? null,
  tokens: limit.tokensPerMinute ?? null,
});

/** The refusal: which limit, and the seconds to the end of the minute (the `Retry-After` header). */
function refusal(limit: RateLimit, byRequests: boolean, minute: number, at: Date) {
  const what = byRequests
    ? `${limit.requestsPerMinute} requests`
    : `${limit.tokensPerMinute} tokens`;
  return new LlmError(
    'rate_limit_exceeded',
    `Rate limit of ${what} per minute reached for ${SUBJECT[limit.scope]} ${limit.subjectId}`,
    { retryAfterSeconds: secondsLeftIn(minute, at) }
  );
}

/** Which metric refused a call: requests if one more would pass that limit, else tokens. */
async function refusedByRequests(
  counters: RateCounters,
  { limit, counter }: ApplicableLimit,
  minute: number
) {
  if (limit.requestsPerMinute == null) return false;
  if (limit.tokensPerMinute == null) return true;
  const used = await counters.read(counter, minute);
  return used.requests + 1 > limit.requestsPerMinute;
}

/** Writes the caller does not wait for, logged if they fail, awaited by `settled()`. */
function writesInFlight(log: (message: string) => void) {
  const writes = new Set<Promise<void>>();
  return {
    track(write: Promise<void>) {
      const tracked = write.catch((error: Error) =>
        log(`llm: could not add a call's tokens to its rate limit: ${error.message}`)
      );
      writes.add(tracked);
      void tracked.then(() => writes.delete(tracked));
    },
    async settled() {
      await Promise.all([...writes]);
    },
  };
}

const keyOf = (counter: RateCounterKey) => `${counter.limitId}:${counter.subjectId}`;

/**
 * The rate limits as a gateway control, after the allow-list and before the budgets: each limit
 * that applies counts the call in the current minute, or refuses it with 429 and `Retry-After`.
 * Requests are counted before the call; tokens when it ends (a call in flight may pass a tokens
 * limit by its own size). A call refused by a later limit or control, or failed by its provider,
 * gives its request back. A counter this instance saw full stays refused here until its minute
 * ends, without asking the database again: a flood costs the database one refusal per instance.
 */
export function rateLimitControl(deps: {
  directory: RateLimitDirectory;
  /** Made on first use: the counter table's metadata is there once Strapi has loaded. */
  counters: () => RateCounters;
  now: () => Date;
  log: (message: string) => void;
}): CallControl & { forgetFull(): void; settled(): Promise<void> } {
  const { directory } = deps;
  const pending = writesInFlight(deps.log);
  const full = new Map<string, { minute: number; byRequests: boolean }>();
  // One statement per counter in flight on this instance: the database serializes them on the row
  // anyway, and calls queued here find the counter full without a query once it is.
  const turns = createKeyedQueue<string>();

  async function take(entry: ApplicableLimit, minute: number, at: Date) {
    const key = keyOf(entry.counter);
    return turns.run(key, () => takeNow(entry, key, minute, at));
  }

  async function takeNow(entry: ApplicableLimit, key: string, minute: number, at: Date) {
    const seen = full.get(key);
    if (seen && seen.minute === minute) return refusal(entry.limit, seen.byRequests, minute, at);
    const counters = deps.counters();
    if (await counters.admit(entry.counter, perMinute(entry.limit), minute)) return null;
    const byRequests = await refusedByRequests(counters, entry, minute);
    full.set(key, { minute, byRequests });
    return refusal(entry.limit, byRequests, minute, at);
  }

  return {
    name: 'rate-limits',
    async admit(target, context): Promise<Reservation> {
      const applicable = await directory.applicable(target, context);
      if (applicable.length === 0) return NO_RESERVATION;
      const at = deps.now();
      const minute = minuteOf(at);
      const taken: ApplicableLimit[] = [];
      const giveBack = () =>
        Promise.all(taken.map(({ counter }) => deps.counters().giveBack(counter, minute)));
      for (const entry of applicable) {
        const refused = await take(entry, minute, at);
        if (!refused) {
          taken.push(entry);
          continue;
        }
        await giveBack();
        throw refused;
      }
      const counted = taken.filter(({ limit }) => limit.tokensPerMinute != null);
      return {
        // Only a call no provider saw (a later control refused it) gives its request back: a call
        // that reached the provider, failed or not, used its turn (else failing calls go unbounded).
        release: async (providerError) => {
          if (!providerError) await giveBack();
        },
        // Off the call path: the caller has its answer; the next admission sees the tokens once written.
        settle: async (_costNano, tokens) => {
          for (const { counter } of counted)
            pending.track(deps.counters().addTokens(counter, minute, tokens));
        },
      };
    },
    forgetFull: () => full.clear(),
    settled: () => pending.settled(),
  };
}
