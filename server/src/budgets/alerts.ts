import type { Core } from '@strapi/strapi';
import { claimAlert } from '../alerts/log';
import { guardedFetch, type OutboundPolicy } from '../security/outbound';
import type { BudgetMetric, BudgetRecord, BudgetWindow } from './limits';

export const THRESHOLD_EVENT = 'llm.budget.threshold';

export interface ThresholdAlert {
  budgetId: number;
  budgetName: string;
  scope: BudgetRecord['scope'];
  /** The user the window counts for (user and role budgets); null for site and API-token budgets. */
  userId: number | null;
  /** The API token the window counts for (API-token budgets); null otherwise. */
  apiTokenId: number | null;
  window: BudgetWindow;
  windowKey: string;
  threshold: number;
  /** How full the window is, in percent of its tightest limit. */
  percent: number;
  metric: BudgetMetric;
  used: string;
  limit: string;
  at: string;
}

export interface AlertConfig {
  webhookUrl?: string;
  email?: { to?: string[]; notifyUser?: boolean; from?: string };
}

/** An e-mail one alert sends; no recipients, no e-mail. */
export interface AlertEmail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

/** One alert for every channel: the Strapi event and webhook carry `payload`; the e-mail its text. */
export interface Notice {
  event: string;
  payload: unknown;
  /** Names the alert in a delivery failure's log line. */
  label: string;
  /** Built only when e-mail is configured (it may look up a recipient). */
  email?: (settings: NonNullable<AlertConfig['email']>) => Promise<AlertEmail | null>;
}

/**
 * The alert channels every alert uses (budget thresholds, spend spikes, the weekly digest): a
 * Strapi event, an optional webhook through the guarded fetch, an optional e-mail through Strapi's
 * email plugin. Delivery problems are logged, never thrown into the call or job that raised it.
 */
export function createChannels(
  strapi: Core.Strapi,
  config: () => AlertConfig,
  outbound: () => OutboundPolicy
) {
  // The webhook reaches only allowed destinations, like a provider (security/outbound).
  let send: typeof fetch | undefined;
  async function webhook(url: string, event: string, payload: unknown) {
    send ??= guardedFetch(outbound());
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event, alert: payload }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
  }

  async function email(notice: Notice, settings: NonNullable<AlertConfig['email']>) {
    const emailPlugin = strapi.plugin('email');
    const message = emailPlugin && (await notice.email?.(settings));
    if (!message || message.to.length === 0) return;
    await emailPlugin.service('email').send({
      to: message.to.join(','),
      from: settings.from,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
    });
  }

  return {
    /** Sends on every configured channel; resolves when all deliveries are done or have failed. */
    async deliver(notice: Notice): Promise<void> {
      strapi.eventHub.emit(notice.event, notice.payload);
      const settings = config();
      const deliveries: Array<[string, Promise<unknown>]> = [];
      if (settings.webhookUrl)
        deliveries.push(['webhook', webhook(settings.webhookUrl, notice.event, notice.payload)]);
      if (settings.email || notice.email)
        deliveries.push(['e-mail', email(notice, settings.email ?? {})]);
      await Promise.all(
        deliveries.map(([kind, delivery]) =>
          delivery.catch((error) =>
            strapi.log.warn(`llm: ${notice.label} ${kind} failed: ${(error as Error).message}`)
          )
        )
      );
    },
  };
}

export type Channels = ReturnType<typeof createChannels>;

/** A threshold alert's e-mail: the configured addresses and, when asked, the user concerned. */
const thresholdEmail =
  (strapi: Core.Strapi, alert: ThresholdAlert) =>
  async (settings: NonNullable<AlertConfig['email']>): Promise<AlertEmail> => {
    const to = [...(settings.to ?? [])];
    if (settings.notifyUser && alert.userId !== null) {
      const user = await strapi.db
        .query('admin::user')
        .findOne({ where: { id: alert.userId }, select: ['email'] });
      if (user?.email) to.push(user.email);
    }
    return {
      to,
      subject: `LLM budget "${alert.budgetName}" at ${alert.threshold}%`,
      text:
        `The ${alert.window === 'day' ? 'daily' : 'monthly'} ${alert.metric} budget "${alert.budgetName}" ` +
        `reached ${alert.percent}% (${alert.used} of ${alert.limit}) in ${alert.windowKey}.`,
    };
  };

/** Tells the world a budget crossed a threshold, and records it in the alert log (the digest). */
export function createAlerts(
  strapi: Core.Strapi,
  config: () => AlertConfig,
  outbound: () => OutboundPolicy
) {
  const channels = createChannels(strapi, config, outbound);
  return {
    fire(alert: ThresholdAlert) {
      void channels.deliver({
        event: THRESHOLD_EVENT,
        payload: alert,
        label: `budget alert for "${alert.budgetName}"`,
        email: config().email ? thresholdEmail(strapi, alert) : undefined,
      });
      // The counter already made this the only firing; the log is a record (a recount may refire).
      claimAlert(strapi, {
        kind: 'budget.threshold',
        key: `${alert.budgetId}|${alert.userId ?? 0}|${alert.windowKey}|${alert.threshold}`,
        at: new Date(alert.at),
        payload: alert,
      }).catch((error: Error) => strapi.log.warn(`llm: budget alert not logged: ${error.message}`));
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
