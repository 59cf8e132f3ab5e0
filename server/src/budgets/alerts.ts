import type { Core } from '@strapi/strapi';
import { guardedFetch, type OutboundPolicy } from '../security/outbound';
import type { BudgetMetric, BudgetRecord, BudgetWindow } from './limits';

export const THRESHOLD_EVENT = 'llm.budget.threshold';

export interface ThresholdAlert {
  budgetId: number;
  budgetName: string;
  scope: BudgetRecord['scope'];
  /** The user the window counts for (user and role budgets); null for a site budget. */
  userId: number | null;
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

/**
 * Tells the world a budget crossed a threshold: a Strapi event, an optional webhook, an optional
 * e-mail. Delivery problems are logged, never thrown into the call that crossed the line.
 */
export function createAlerts(
  strapi: Core.Strapi,
  config: () => AlertConfig,
  outbound: () => OutboundPolicy
) {
  // The webhook reaches only allowed destinations, like a provider (security/outbound).
  let send: typeof fetch | undefined;
  async function webhook(url: string, alert: ThresholdAlert) {
    send ??= guardedFetch(outbound());
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: THRESHOLD_EVENT, alert }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
  }

  async function email(alert: ThresholdAlert, settings: NonNullable<AlertConfig['email']>) {
    const emailPlugin = strapi.plugin('email');
    if (!emailPlugin) return;
    const to = [...(settings.to ?? [])];
    if (settings.notifyUser && alert.userId !== null) {
      const user = await strapi.db
        .query('admin::user')
        .findOne({ where: { id: alert.userId }, select: ['email'] });
      if (user?.email) to.push(user.email);
    }
    if (to.length === 0) return;
    await emailPlugin.service('email').send({
      to: to.join(','),
      from: settings.from,
      subject: `LLM budget "${alert.budgetName}" at ${alert.threshold}%`,
      text:
        `The ${alert.window === 'day' ? 'daily' : 'monthly'} ${alert.metric} budget "${alert.budgetName}" ` +
        `reached ${alert.percent}% (${alert.used} of ${alert.limit}) in ${alert.windowKey}.`,
    });
  }

  return {
    fire(alert: ThresholdAlert) {
      strapi.eventHub.emit(THRESHOLD_EVENT, alert);
      const settings = config();
      const deliveries: Array<[string, Promise<unknown>]> = [];
      if (settings.webhookUrl) deliveries.push(['webhook', webhook(settings.webhookUrl, alert)]);
      if (settings.email) deliveries.push(['e-mail', email(alert, settings.email)]);
      for (const [kind, delivery] of deliveries) {
        delivery.catch((error) =>
          strapi.log.warn(
            `llm: budget alert ${kind} for "${alert.budgetName}" failed: ${(error as Error).message}`
          )
        );
      }
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
