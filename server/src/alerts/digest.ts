import type { Core } from '@strapi/strapi';
import {
  DIGEST_EVENT,
  type AlertLogEntry,
  type DigestRanked,
  type SpikeAlert,
  type WeeklyDigest,
} from '../../../shared/contracts/alerts';
import type { AlertConfig, Channels, ThresholdAlert } from '../budgets/alerts';
import { WEEKDAYS, type DigestRule } from '../config/types';
import { addDays } from '../forecast/days';
import { dayKey, hourKey } from '../time/day-key';
import { digestFigures } from './digest-figures';
import { claimAlert } from './log';

/** The week a digest sent on `today` reports: the 7 local days before it. */
export const weekBefore = (today: string) => ({ from: addDays(today, -7), to: addDays(today, -1) });

/** Whether the digest is due at `now`: its weekday, at or after its hour (local). */
export function isDue(now: Date, timeZone: string, rule: DigestRule): boolean {
  const [year, month, day] = dayKey(now, timeZone).split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return weekday === rule.day && Number(hourKey(now, timeZone).slice(11, 13)) >= rule.hour;
}

const signed = (usd: string) => (usd.startsWith('-') ? `-$${usd.slice(1)}` : `+$${usd}`);
const line = (r: DigestRanked) => `${r.name}: $${r.cost} (${r.requests} requests)`;

function alertLine(entry: AlertLogEntry): string {
  if (entry.kind === 'spend.spike') {
    const spike = entry.payload as SpikeAlert;
    return `Spend spike ${spike.hour}:00: $${spike.spend} (median $${spike.median})`;
  }
  const alert = entry.payload as ThresholdAlert;
  return `Budget "${alert.budgetName}" reached ${alert.threshold}% (${alert.used} of ${alert.limit}) in ${alert.windowKey}`;
}

/** The digest as plain-text sections: a title and its lines. */
function sections(d: WeeklyDigest): Array<[string, string[]]> {
  const percent =
    d.changePercent === null ? '' : ` (${d.changePercent > 0 ? '+' : ''}${d.changePercent}%)`;
  return [
    [
      `LLM spend, ${d.from} to ${d.to} (${d.timeZone})`,
      [
        `Spend: $${d.spend} in ${d.requests} requests`,
        `Week before: $${d.previousSpend}`,
        `Change: ${signed(d.change)}${percent}`,
      ],
    ],
    ['Top models', d.topModels.length ? d.topModels.map(line) : ['none']],
    ['Top users', d.topUsers.length ? d.topUsers.map(line) : ['none']],
    ['Alerts', d.alerts.length ? d.alerts.map(alertLine) : ['none']],
  ];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderDigest(d: WeeklyDigest): { text: string; html: string } {
  const parts = sections(d);
  const text = parts.map(([title, lines]) => [title, ...lines.map((l) => `- ${l}`)].join('\n'));
  const html = parts.map(
    ([title, lines]) =>
      `<h2>${escapeHtml(title)}</h2><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
  );
  return { text: text.join('\n\n'), html: `<div>${html.join('')}</div>` };
}

/**
 * Sends the digest of the week before `today` once (claimed in the alert log under its first day),
 * to `rule.to`, else `alerts.email.to`. Answers the digest, or null when it was already sent.
 */
export async function sendDigest(
  strapi: Core.Strapi,
  deps: { now: Date; timeZone: string; rule: DigestRule; channels: Channels }
): Promise<WeeklyDigest | null> {
  const { from, to } = weekBefore(dayKey(deps.now, deps.timeZone));
  const digest = await digestFigures(strapi, from, to, deps.timeZone);
  const claimed = await claimAlert(strapi, {
    kind: 'digest.weekly',
    key: from,
    at: deps.now,
    payload: { from, to, spend: digest.spend },
  });
  if (!claimed) return null;
  const { text, html } = renderDigest(digest);
  await deps.channels.deliver({
    event: DIGEST_EVENT,
    payload: digest,
    label: `weekly digest ${from}`,
    email: async (settings: NonNullable<AlertConfig['email']>) => ({
      to: deps.rule.to.length > 0 ? deps.rule.to : [...(settings.to ?? [])],
      subject: `LLM spend ${from} to ${to}: $${digest.spend}`,
      text,
      html,
    }),
  });
  return digest;
}
