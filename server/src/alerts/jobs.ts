import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { digestRule, spikeRule } from './rules';

/**
 * The alert cron jobs (they run only with the app's `server.cron.enabled`): the spike check, and
 * the weekly digest checked every hour — it sends when the local day and hour are the configured
 * ones, once per week (the alert log), so time zones and DST need no cron arithmetic.
 */
export function registerAlertJobs(strapi: Core.Strapi) {
  const alerts = () => getService(strapi, 'alerts');
  const spike = spikeRule(strapi);
  if (spike.enabled)
    strapi.cron.add({
      llmSpendSpike: {
        task: () =>
          alerts()
            .evaluateSpike()
            .catch((error: Error) =>
              strapi.log.error(`llm: spend spike check failed: ${error.message}`)
            ),
        options: { rule: spike.cron },
      },
    });
  if (digestRule(strapi).enabled)
    strapi.cron.add({
      llmWeeklyDigest: {
        task: () =>
          alerts()
            .sendDigestIfDue()
            .catch((error: Error) =>
              strapi.log.error(`llm: weekly digest failed: ${error.message}`)
            ),
        options: { rule: '0 5 * * * *' },
      },
    });
}
