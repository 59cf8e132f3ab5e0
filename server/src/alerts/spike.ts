import type { Core } from '@strapi/strapi';
import {
  SPIKE_EVENT,
  type SpikeAlert,
  type SpikeEvaluation,
} from '../../../shared/contracts/alerts';
import type { Channels } from '../budgets/alerts';
import type { SpikeRule } from '../config/types';
import { addDays } from '../forecast/days';
import { divRound, formatFemtoUsd, formatNanoUsd, parseUsd } from '../pricing/money';
import { hourKey, localHourStart } from '../time/day-key';
import { spendInHours } from './hour-spend';
import { claimAlert } from './log';
import { factorThousandths } from './rules';

const HOUR_MS = 3_600_000;

/** The median of femto amounts, doubled (the mean of the two middle ones needs no half femto). */
function doubledMedian(values: bigint[]): bigint {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? 2n * sorted[mid] : sorted[mid - 1] + sorted[mid];
}

/**
 * Checks the last complete local hour before `now` against the rule: its spend must pass
 * factor × the median spend of the same local hour on each of the `lookbackDays` days before, and
 * `minUsd`. A spike is claimed in the alert log under (spend.spike, hour) before it is sent, so it
 * is sent once, whichever evaluation or instance sees it first.
 */
export async function evaluateSpike(
  strapi: Core.Strapi,
  deps: { now: Date; timeZone: string; rule: SpikeRule; channels: Channels }
): Promise<SpikeEvaluation> {
  const { now, timeZone, rule } = deps;
  const hour = hourKey(new Date(now.getTime() - HOUR_MS), timeZone);
  const [day, hh] = [hour.slice(0, 10), Number(hour.slice(11, 13))];
  const starts = [0, ...Array.from({ length: rule.lookbackDays }, (_, i) => i + 1)].map((back) =>
    localHourStart(addDays(day, -back), hh, timeZone)
  );
  const [spend, ...history] = await spendInHours(strapi, starts);
  const median2 = doubledMedian(history);
  const factor = factorThousandths(rule.factor);
  const minFemto = parseUsd(rule.minUsd)! * 1_000_000n;
  // spend > factor × median ⇔ spend × 2 × 1000 > factor‰ × (2 × median): exact.
  const spike = spend * 2000n > factor * median2 && spend > minFemto;
  const evaluation = {
    hour,
    spend: formatFemtoUsd(spend),
    median: formatFemtoUsd(divRound(median2, 2n)),
    spike,
    fired: false,
  };
  if (!spike) return evaluation;
  const alert: SpikeAlert = {
    hour,
    timeZone,
    spend: evaluation.spend,
    median: evaluation.median,
    factor: rule.factor,
    lookbackDays: rule.lookbackDays,
    threshold: formatNanoUsd(divRound(factor * median2, 2000n * 1_000_000n)),
    minUsd: formatNanoUsd(parseUsd(rule.minUsd)!),
    at: now.toISOString(),
  };
  const fired = await claimAlert(strapi, {
    kind: 'spend.spike',
    key: hour,
    at: now,
    payload: alert,
  });
  if (fired) await deps.channels.deliver(spikeNotice(alert));
  return { ...evaluation, fired };
}

function spikeNotice(alert: SpikeAlert) {
  const text =
    `LLM spend in the hour ${alert.hour}:00 (${alert.timeZone}) was $${alert.spend}: more than ` +
    `${alert.factor} × the median of that hour over the ${alert.lookbackDays} days before ` +
    `($${alert.median}), and more than $${alert.minUsd}.`;
  return {
    event: SPIKE_EVENT,
    payload: alert,
    label: `spend spike alert for ${alert.hour}`,
    email: async (settings: { to?: string[] }) => ({
      to: [...(settings.to ?? [])],
      subject: `LLM spend spike: $${alert.spend} in the hour ${alert.hour}:00`,
      text,
    }),
  };
}
