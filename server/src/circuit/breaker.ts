import type { Core } from '@strapi/strapi';
import type { LlmPluginConfig } from '../config/types';
import { NO_RESERVATION } from '../gateway/budget-seam';
import type { CallControl } from '../gateway/controls';
import { LlmError } from '../gateway/errors';
import { isProviderDown } from '../gateway/retry';
import { createKeyedQueue } from '../utils/keyed-queue';
import { CLOSED, createCircuitStore, type Circuit, type CircuitState } from './store';

/** How long an instance trusts the state it last read: another instance's change shows within it. */
export const STATE_TTL_MS = 1000;
/** A probe that never reported back (its instance stopped) is given up after this long at least. */
export const PROBE_STALE_MS = 5 * 60_000;

export const HEALTH_EVENT = 'llm.provider.health';

type Provider = { id: number; name: string };

interface BreakerParts {
  config: () => LlmPluginConfig['circuitBreaker'];
  now: () => Date;
}

/**
 * The circuit breaker per provider (closed → open → half-open → closed), one of the gateway's
 * controls. Closed, it costs a cached read per call and no write. `failureThreshold` failures in a
 * row (a success between them starts the count again) within `windowMs` open it, in the shared
 * table (circuit/store.ts), which every instance reads at most once per STATE_TTL_MS. After `openMs`
 * one call is the probe: only its outcome closes or reopens the circuit; a probe that tells nothing
 * (refused by a later control, aborted, a bad request) gives the claim back. If the database cannot
 * answer, the breaker lets calls through (fails open) rather than stop every call of the site.
 */
export function createBreaker(strapi: Core.Strapi, parts: BreakerParts) {
  const store = createCircuitStore(strapi);
  const cache = new Map<number, { circuit: Circuit; readAtMs: number }>();
  /** Per provider, the outcome writes in call order: admit waits for its own provider's only. */
  const writes = createKeyedQueue<number>();
  /** Reads in flight: a burst of calls after the TTL shares one read instead of one each. */
  const reading = new Map<number, Promise<Circuit>>();
  /** Providers whose failures this instance counted since their last success here. */
  const counted = new Set<number>();
  const nowMs = () => parts.now().getTime();

  const remember = (id: number, circuit: Circuit) => cache.set(id, { circuit, readAtMs: nowMs() });

  const enqueue = (id: number, work: () => Promise<void>): Promise<void> =>
    writes.run(id, work).catch((error) => {
      strapi.log.error(`llm: circuit breaker: ${(error as Error).message}`);
    });

  async function current(id: number): Promise<Circuit> {
    await writes.idle(id);
    const hit = cache.get(id);
    if (hit && nowMs() - hit.readAtMs < STATE_TTL_MS) return hit.circuit;
    let read = reading.get(id);
    if (!read) {
      read = refresh(id, hit?.circuit).finally(() => reading.delete(id));
      reading.set(id, read);
    }
    return read;
  }

  async function refresh(id: number, known: Circuit | undefined): Promise<Circuit> {
    try {
      const circuit = await store.read(id);
      remember(id, circuit);
      return circuit;
    } catch (error) {
      // Fail open, and try the database again after the TTL (one warning per provider a second).
      strapi.log.warn(`llm: circuit breaker cannot read its state: ${(error as Error).message}`);
      remember(id, known ?? CLOSED);
      return known ?? CLOSED;
    }
  }

  function changed(provider: Provider, state: CircuitState, circuit: Circuit) {
    remember(provider.id, circuit);
    strapi.eventHub.emit(HEALTH_EVENT, {
      providerId: provider.id,
      provider: provider.name,
      state,
      at: parts.now().toISOString(),
    });
    strapi.log.warn(`llm: provider "${provider.name}" circuit ${state}`);
  }

  async function countFailure(provider: Provider) {
    const { failureThreshold, windowMs } = parts.config();
    const at = nowMs();
    counted.add(provider.id);
    await store.countFailure(provider.id, at, windowMs);
    if (await store.openIfTripped(provider.id, failureThreshold, at))
      changed(provider, 'open', { ...CLOSED, state: 'open', openedAtMs: at });
  }

  /** The probe's outcome: down → open again; up → closed; nothing learnt → the claim given back. */
  async function probed(provider: Provider, claimMs: number, outcome: 'up' | 'down' | 'neutral') {
    const at = nowMs();
    if (outcome === 'up' && (await store.closeAfterProbe(provider.id, claimMs)))
      return changed(provider, 'closed', CLOSED);
    if (outcome === 'down' && (await store.reopenAfterProbe(provider.id, claimMs, at)))
      return changed(provider, 'open', { ...CLOSED, state: 'open', openedAtMs: at });
    if (outcome === 'neutral') {
      await store.giveBackProbe(provider.id, claimMs, at - parts.config().openMs);
      cache.delete(provider.id);
    }
  }

  /** Lets the call through (null), as the probe (its claim time), or refuses it: circuit_open. */
  async function admit(provider: Provider): Promise<number | null> {
    const circuit = await current(provider.id);
    if (circuit.state === 'closed') return null;
    const { openMs } = parts.config();
    const at = nowMs();
    const staleMs = Math.max(openMs, PROBE_STALE_MS);
    const since = circuit.state === 'open' ? circuit.openedAtMs : circuit.probeAtMs;
    if (at - since >= (circuit.state === 'open' ? openMs : staleMs)) {
      const claimed = await store.claimProbe(provider.id, at, openMs, staleMs).catch(() => null);
      if (claimed === null) return null; // the database cannot answer: fail open
      if (claimed) {
        changed(provider, 'half-open', { ...circuit, state: 'half-open', probeAtMs: at });
        return at;
      }
      cache.delete(provider.id);
    }
    throw new LlmError(
      'circuit_open',
      `Provider "${provider.name}" is failing: its circuit is ${circuit.state}, calls skip it until a probe succeeds`,
      { retryAfterSeconds: Math.max(1, (since + openMs - at) / 1000) }
    );
  }

  const control: CallControl = {
    name: 'circuit-breaker',
    async admit(target) {
      if (!parts.config().enabled) return NO_RESERVATION;
      const provider = { id: target.provider.id, name: target.provider.name };
      const claim = await admit(provider);
      const id = provider.id;
      if (claim !== null)
        return {
          settle: (_cost, _tokens, error) =>
            enqueue(id, () => probed(provider, claim, error ? 'neutral' : 'up')),
          release: (error) =>
            enqueue(id, () => probed(provider, claim, isProviderDown(error) ? 'down' : 'neutral')),
        };
      return {
        // A success here restarts the count of failures in a row this instance has added to.
        settle: (_cost, _tokens, error) =>
          !error && counted.delete(id)
            ? enqueue(id, () => store.resetFailures(id))
            : Promise.resolve(),
        release: (error) =>
          isProviderDown(error) ? enqueue(id, () => countFailure(provider)) : Promise.resolve(),
      };
    },
  };

  return {
    control,
    /** Each provider's state as this instance last saw it (the Overview's health table). */
    async stateOf(id: number): Promise<CircuitState> {
      if (!parts.config().enabled) return 'closed';
      return (await current(id)).state;
    },
    /** Resolves when every outcome seen so far is written (tests, shutdown). */
    settled: () => writes.settled(),
  };
}

export type Breaker = ReturnType<typeof createBreaker>;
