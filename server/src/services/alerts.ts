import type { Core } from '@strapi/strapi';
import type { SpikeEvaluation, WeeklyDigest } from '../../../shared/contracts/alerts';
import { isDue, sendDigest } from '../alerts/digest';
import { evaluateSpike } from '../alerts/spike';
import { digestRule, spikeRule } from '../alerts/rules';
import { createChannels, type Channels } from '../budgets/alerts';
import { pluginConfig, securityConfig } from '../plugin-config';
import { getService } from '../utils/get-service';

/**
 * `strapi.plugin('llm').service('alerts')`: spend-spike evaluation and the weekly digest, sent on
 * the budget alerts' channels (event, webhook, e-mail). The cron jobs call these; so do tests,
 * with the plugin clock pinned.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let channels: Channels | null = null;
  const channelsOf = () =>
    (channels ??= createChannels(
      strapi,
      () => pluginConfig(strapi).alerts ?? {},
      () => securityConfig(strapi)
    ));
  const now = () => getService(strapi, 'clock').now();

  return {
    /** Checks the last complete hour for a spend spike and sends it once (alerts/spike.ts). */
    evaluateSpike(): Promise<SpikeEvaluation> {
      return evaluateSpike(strapi, {
        now: now(),
        timeZone: pluginConfig(strapi).timeZone,
        rule: spikeRule(strapi),
        channels: channelsOf(),
      });
    },

    /** Sends the weekly digest of the 7 days before today, once per week (alerts/digest.ts). */
    sendDigest(): Promise<WeeklyDigest | null> {
      return sendDigest(strapi, {
        now: now(),
        timeZone: pluginConfig(strapi).timeZone,
        rule: digestRule(strapi),
        channels: channelsOf(),
      });
    },

    /** The hourly job: sends the digest when it is the configured local weekday and hour. */
    async sendDigestIfDue(): Promise<WeeklyDigest | null> {
      if (!isDue(now(), pluginConfig(strapi).timeZone, digestRule(strapi))) return null;
      return this.sendDigest();
    },
  };
};
