import { performance } from 'node:perf_hooks';
import { UNIT_KIND } from '../../../shared/services';
import type { MeteredQuantities } from '../pricing/cost';
import { quantitiesOf, type Consumption } from '../pricing/quantities';
import { UNPRICED, type PricedCall } from '../pricing/price-sheet';
import { redactCredentials } from '../security/redact';
import { dayKey, hourKey } from '../time/day-key';
import type { UsageEvent } from '../usage/event';
import type { CallEstimate, Reservation } from './budget-seam';
import { admitAll, type CallControl } from './controls';
import { LlmError, toLlmError } from './errors';
import type { CallContext, ResolvedTarget } from './types';

export interface MeterDeps {
  /**
   * The controls every call passes before a provider is asked (gateway/controls.ts), in order:
   * allow-list, circuit breaker, rate limits, budgets.
   */
  controls: () => readonly CallControl[];
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
}

/** The usage row for one call: who, what, how much, how it went. */
export function usageEvent(
  deps: MeterDeps,
  target: ResolvedTarget,
  context: CallContext,
  outcome: Outcome
): UsageEvent {
  const { measured } = outcome;
  // A unit-priced call whose units the provider did not report cannot be priced (not "$0").
  const unitsUnknown =
    UNIT_KIND[context.service] !== undefined &&
    measured.units === undefined &&
    measured.tokens === undefined;
  const priced: PricedCall =
    (outcome.success || outcome.priceAnyway) && !unitsUnknown
      ? deps.price(target, quantitiesOf(context.service, measured), context.startedAt)
      : UNPRICED;
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
    entryUid: context.entry?.uid ?? null,
    entryDocumentId: context.entry?.documentId ?? null,
    entryLocale: context.entry?.locale ?? null,
    seeded: false,
    metadata: context.metadata ?? null,
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
  errorContext: { abortSignal?: AbortSignal; timeoutMs?: number } = {}
): Promise<MeteredResult<T>> {
  const reservation = await admitOrRecordRefused(deps, target, context, estimate);
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

/**
 * Runs the call's controls (allow-list, rate limits, budgets); a refused call is recorded (an
 * attempt no provider saw: no cost) so admins can see who hit the wall, and the refusal is rethrown.
 */
export async function admitOrRecordRefused(
  deps: MeterDeps,
  target: ResolvedTarget,
  context: CallContext,
  estimate: () => CallEstimate
): Promise<Reservation> {
  try {
    return await admitAll(deps.controls(), target, context, estimate);
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
