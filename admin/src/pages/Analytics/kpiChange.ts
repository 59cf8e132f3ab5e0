import type { Kpis } from '../../../../shared/contracts/analytics';
import { subUsd } from '../../../../shared/format';

/**
 * What a rise of a figure means to the person reading it: `bad` for what costs or fails more,
 * `good` for what saves, `neutral` for volume (more requests is neither good nor bad by itself).
 */
export type Better = 'down' | 'up' | 'neutral';

/** How a figure is measured, so its change is computed and written the same way. */
export type ChangeKind = 'usd' | 'count' | 'ratio' | 'ms';

export interface ChangeSpec {
  kind: ChangeKind;
  figure: (kpis: Kpis) => string | number | null;
  better: Better;
}

export interface Change {
  /** Money: exact decimal text; a ratio: percentage points; otherwise the difference. */
  absolute: string | number;
  /** Relative to the previous figure (0.12 = +12 %); null when that was 0. */
  relative: number | null;
  direction: 'up' | 'down' | 'flat';
  tone: 'good' | 'bad' | 'neutral';
}

const toneOf = (direction: Change['direction'], better: Better): Change['tone'] =>
  direction === 'flat' || better === 'neutral'
    ? 'neutral'
    : (direction === 'up') === (better === 'up')
      ? 'good'
      : 'bad';

/** An empty previous period (nothing asked for, nothing blocked) has nothing to compare with. */
export const isEmptyPeriod = (kpis: Kpis | null | undefined) =>
  !kpis || (kpis.requests === 0 && kpis.blocked === 0);

/**
 * A figure's change from the previous period, or null ('n/a') when either figure is missing.
 * Money is subtracted exactly; only the relative change, a display ratio, goes through a float.
 */
export function changeOf(
  spec: ChangeSpec,
  now: Kpis,
  before: Kpis | null | undefined
): Change | null {
  if (isEmptyPeriod(before)) return null;
  const a = spec.figure(now);
  const b = spec.figure(before as Kpis);
  if (a === null || b === null) return null;
  const absolute = spec.kind === 'usd' ? subUsd(String(a), String(b)) : Number(a) - Number(b);
  const sign = Math.sign(Number(absolute));
  const direction = sign > 0 ? 'up' : sign < 0 ? 'down' : 'flat';
  return {
    absolute: spec.kind === 'ratio' ? Number(absolute) * 100 : absolute,
    relative: Number(b) === 0 ? null : Number(absolute) / Number(b),
    direction,
    tone: toneOf(direction, spec.better),
  };
}
