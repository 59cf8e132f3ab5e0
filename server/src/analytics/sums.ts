import { formatFemtoUsd, toFemto } from '../pricing/money';
import { METRICS, type Sums } from '../usage/metrics';
import type { Group } from './aggregate';

export const n = (value: bigint) => Number(value);
/** A group's exact cost, femto-USD. */
export const femtoOf = (s: Sums) => toFemto(s.costNano, s.costRemainderFemto);
export const usd = (s: Sums) => formatFemtoUsd(femtoOf(s));
export const tokensOf = (s: Sums) => s.inputTokens + s.outputTokens;

export const ZERO_SUMS = Object.fromEntries(METRICS.map((m) => [m, 0n])) as Sums;

export function addSums(a: Sums, b: Sums): Sums {
  const out = { ...a };
  for (const key of METRICS) out[key] = a[key] + b[key];
  return out;
}

/** Rows that only hold blocked attempts are not usage of a provider, model or user. */
export const used = (s: Sums) => s.requests > 0n;

/** Per-day-per-model groups summed over the days. */
export function perModel(groups: Group[]): Group[] {
  const out = new Map<number, Group>();
  for (const g of groups) {
    const modelId = Number(g.modelId);
    const into = out.get(modelId);
    if (into) into.sums = addSums(into.sums, g.sums);
    else out.set(modelId, { modelId, sums: g.sums });
  }
  return [...out.values()];
}

/** Groups by one member, in a map: user id → that user's groups. */
export function groupsByUser(groups: Group[]): Map<number, Group[]> {
  const out = new Map<number, Group[]>();
  for (const g of groups) {
    const list = out.get(Number(g.userId));
    if (list) list.push(g);
    else out.set(Number(g.userId), [g]);
  }
  return out;
}

/** Most expensive first (exact femto), then most requests. */
export const byCostThenRequests = (
  a: { femto: bigint; requests: number },
  b: { femto: bigint; requests: number }
) => (b.femto > a.femto ? 1 : b.femto < a.femto ? -1 : b.requests - a.requests);
