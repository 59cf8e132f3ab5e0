import { performance } from 'node:perf_hooks';
import { UNIT_KIND } from '../../../shared/services';
import type { MeteredQuantities } from '../pricing/cost';
import { quantitiesOf, type Consumption } from '../pricing/quantities';
import { UNPRICED, type PricedCall } from '../pricing/price-sheet';
import { redactCredentials } from '../security/redact';
import { dayKey, hourKey } from '../time/day-key';
import type { UsageEvent } from '../usage/event';
import type { CallEstimate, Reservation } from './budget-seam';
import type { ResponseCache } from '../cache/response-cache';
import { admitAll, combineAdmissions, type CallControl } from './controls';
import { LlmError, toLlmError } from './errors';
import type { CallContext, ResolvedTarget } from './types';

export interface MeterDeps {
  /**
   * The controls every call passes, a cached answer included (gateway/controls.ts): the
   * allow-list. A denied caller never gets a cached answer.
   */
  access: () => readonly CallControl[];
  /**
   * The controls a call passes before a provider is asked, after the response cache missed, in
   * order: circuit breaker, rate limits, budgets. A cache hit costs nothing and asks no provider,
   * so it is not counted by them.
   */
  controls: () => readonly CallControl[];
  /** The response cache (cache/); null when the gateway runs without one. */
  cache: ResponseCache | null;
  price: (target: ResolvedTarget, quantities: MeteredQuantities, at: Date) => PricedCall;
  record: (event: UsageEvent) => void;
  timeZone: () => string;
}

/** What a call consumed, as measured after it ran. */
export interface Measured extends Consumption {
  streamed?: boolean;
  ttftMs?: number | null;
}

export interface Outcome {
  success: boolean;
  measured: Measured;
  latencyMs: number;
  error?: LlmError;
  /** Price the call even though it failed (a stream the caller aborted: the provider billed it). */
  priceAnyway?: boolean;
  /** Served from the response cache: costs 0, and saved what the original call cost. */
  cacheHit?: { savedNano: bigint };
}

/** A cache hit's price: exactly nothing (never "unpriced": nothing was bought). */
const CACHE_HIT_PRICE: PricedCall = { ...UNPRICED, costNano: 0n, priceSource: 'model' };

/** What a call cost: a hit nothing, a failure unpriced unless priced anyway, else the price sheet. */
function priceOf(
  deps: MeterDeps,
  target: ResolvedTarget,
  context: CallContext,
  outcome: Outcome
): PricedCall {
  if (outcome.cacheHit) return CACHE_HIT_PRICE;
  const { measured } = outcome;
  // A unit-priced call whose units the provider did not report cannot be priced (not "$0").
  const unitsUnknown =
    UNIT_KIND[context.service] !== undefined &&
    measured.units === undefined &&
    measured.tokens === undefined;
  return (outcome.success || outcome.priceAnyway) && !unitsUnknown
    ? deps.price(target, quantitiesOf(context.service, measured), context.startedAt)
    : UNPRICED;
}

/** The usage row for one call: who, what, how much, how it went. */
export function usageEvent(
  deps: MeterDeps,
  target: ResolvedTarget,
  context: CallContext,
  outcome: Outcome
): UsageEvent {
  const { measured } = outcome;
  const priced = priceOf(deps, target, context, outcome);
  const tokens = measured.tokens;
  return {
    requestId: context.requestId,
    occurredAt: context.startedAt,
    day: dayKey(context.startedAt, deps.timeZone()),
    hour: hourKey(context.startedAt, deps.timeZone()),
    providerId: target.provider.id,
    adapter: target.provider.adapter,
    modelId: target.model.id,
    modelKey: target.model.modelId,
    configurationId: target.configuration?.id ?? null,
    taskId: target.task?.id ?? null,
    service: context.service,
    source: context.source,
    userId: context.userId,
    apiTokenId: context.apiTokenId,
    endUser: context.endUser ?? null,
    inputTokens: tokens?.inputTokens ?? 0,
    outputTokens: tokens?.outputTokens ?? 0,
    cacheReadTokens: tokens?.cacheReadTokens ?? 0,
    cacheWriteTokens: tokens?.cacheWriteTokens ?? 0,
    reasoningTokens: tokens?.reasoningTokens ?? 0,
    unitKind: UNIT_KIND[context.service] ?? null,
    units: measured.units ?? 0,
    costNano: priced.costNano,
    costRemainderFemto: Number(priced.remainderFemto),
    cacheSavingsNano: priced.cacheSavingsNano,
    priceSource: priced.priceSource,
    tokensEstimated: tokens?.estimated ?? false,
    streamed: measured.streamed ?? false,
    success: outcome.success,
    errorCode: outcome.error?.code ?? null,
    errorMessage: outcome.error ? redactCredentials(outcome.error.message).slice(0, 1000) : null,
    latencyMs: Math.max(0, Math.round(outcome.latencyMs)),
    ttftMs: measured.ttftMs ?? null,
    fallbackFromConfigurationId: context.fallbackFromConfigurationId ?? null,
    attemptOf: context.attemptOf ?? null,
    entryUid: context.entry?.uid ?? null,
    entryDocumentId: context.entry?.documentId ?? null,
    entryLocale: context.entry?.locale ?? null,
    seeded: false,
    metadata: context.metadata ?? null,
    cacheHit: outcome.cacheHit !== undefined,
    savedNano: outcome.cacheHit?.savedNano ?? 0n,
  };
}

export interface MeteredResult<T> {
  value: T;
  event: UsageEvent;
}

/**
 * The one pipeline every non-streamed call runs through: controls → provider → meter → record.
 * A failure is recorded (no cost) and rethrown as an LlmError carrying the usage row's request id.
 */
export async function meteredCall<T>(
  deps: MeterDeps,
  target: ResolvedTarget,
  context: CallContext,
  estimate: () => CallEstimate,
  perform: () => Promise<{ value: T; measured: Measured }>,
  errorContext: { abortSignal?: AbortSignal; timeoutMs?: number } = {},
  admitted?: Reservation
): Promise<MeteredResult<T>> {
  const reservation = await admitRest(deps, target, context, estimate, admitted);
  const started = performance.now();
  let result: { value: T; measured: Measured };
  try {
    result = await perform();
  } catch (caught) {
    const error = toLlmError(caught, target.provider.name, {
      abortedByCaller: errorContext.abortSignal?.aborted,
      timeoutMs: errorContext.timeoutMs,
    });
    await failed(deps, target, context, reservation, error, {
      latencyMs: performance.now() - started,
      measured: {},
    });
    throw error;
  }
  const event = usageEvent(deps, target, context, {
    success: true,
    measured: result.measured,
    latencyMs: performance.now() - started,
  });
  deps.record(event);
  await reservation.settle(event.costNano, event.inputTokens + event.outputTokens);
  return { value: result.value, event };
}

/** Which controls to run: all of them, or the access ones before the cache and the rest after. */
export type ControlStage = 'all' | 'access' | 'provider';

const controlsOf = (deps: MeterDeps, stage: ControlStage) =>
  stage === 'access'
    ? deps.access()
    : stage === 'provider'
      ? deps.controls()
      : [...deps.access(), ...deps.controls()];

/**
 * The controls a call still has to pass: all of them, or — when the access controls `admitted` it
 * already (before a cache lookup) — the provider ones, held together with that admission.
 */
export async function admitRest(
  deps: MeterDeps,
  target: ResolvedTarget,
  context: CallContext,
  estimate: () => CallEstimate,
  admitted?: Reservation
): Promise<Reservation> {
  if (!admitted) return admitOrRecordRefused(deps, target, context, estimate);
  try {
    const rest = await admitOrRecordRefused(deps, target, context, estimate, 'provider');
    return combineAdmissions([admitted, rest]);
  } catch (refusal) {
    await admitted.release();
    throw refusal;
  }
}

/**
 * Runs the call's controls (allow-list, circuit, rate limits, budgets — or one stage of them); a
 * refused call is recorded (an attempt no provider saw: no cost) so admins can see who hit the
 * wall, and the refusal is rethrown.
 */
export async function admitOrRecordRefused(
  deps: MeterDeps,
  target: ResolvedTarget,
  context: CallContext,
  estimate: () => CallEstimate,
  stage: ControlStage = 'all'
): Promise<Reservation> {
  try {
    return await admitAll(controlsOf(deps, stage), target, context, estimate);
  } catch (caught) {
    const error = caught instanceof LlmError ? caught : toLlmError(caught, target.provider.name);
    const event = usageEvent(deps, target, context, {
      success: false,
      measured: {},
      latencyMs: 0,
      error,
    });
    deps.record(event);
    error.requestId = event.requestId;
    throw error;
  }
}

/** Records a failed call, releases its reservation and tags the error with the row's request id. */
export async function failed(
  deps: MeterDeps,
  target: ResolvedTarget,
  context: CallContext,
  reservation: Reservation,
  error: LlmError,
  outcome: Omit<Outcome, 'success' | 'error'>
) {
  const event = usageEvent(deps, target, context, { ...outcome, success: false, error });
  deps.record(event);
  if (outcome.priceAnyway)
    await reservation.settle(event.costNano, event.inputTokens + event.outputTokens, error);
  else await reservation.release(error);
  error.requestId = event.requestId;
  return event;
}
