import type { Core } from '@strapi/strapi';
import { configureContentManager } from './content-types/content-manager';
import { actionDefinitions } from './permissions';
import { pluginConfig } from './plugin-config';
import { applyEffectivePermissions } from './security/authority';
import { BACKFILLS, createRollupBackfill } from './usage/rollup-backfill';
import { getService } from './utils/get-service';
import { registerAlertJobs } from './alerts/jobs';
import { startResponseCache } from './cache/setup';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.admin!.services.permission.actionProvider.registerMany(actionDefinitions);
  // Before any request: every admin ability is built from effective permissions (security/authority).
  applyEffectivePermissions(strapi);
  // Which stored usage predates the rollup rows issue 18 added: noted before anything new is written…
  const backfills = Object.entries(BACKFILLS).map(([key, rebuild]) =>
    createRollupBackfill(strapi, key, rebuild)
  );
  for (const backfill of backfills) await backfill.mark();
  // Usage can only be written once the database is up; this also replays what a crash left spooled.
  await getService(strapi, 'usage').start();
  // …and rebuilt from those raw events in the background (filtered views and the new breakdowns).
  void (async () => {
    for (const backfill of backfills) await backfill.run();
  })().catch((error: Error) =>
    strapi.log.error(`llm: rebuilding rollups failed: ${error.message}`)
  );
  // Human field labels and descriptions in the Content Manager; the usage ledger read-only there.
  // Only cosmetic: a stored view configuration it cannot read must not stop the site from starting.
  await configureContentManager(strapi).catch((error: Error) =>
    strapi.log.warn(`[llm] Content Manager labels not applied: ${error.message}`)
  );

  const { retention } = pluginConfig(strapi);
  strapi.cron.add({
    llmUsageRetention: {
      task: () =>
        getService(strapi, 'usage')
          .prune()
          .catch((error: Error) =>
            strapi.log.error(`llm: pruning raw usage failed: ${error.message}`)
          ),
      options: { rule: retention.cron },
    },
  });
  registerAlertJobs(strapi);
  await startResponseCache(strapi);
  if (!strapi.config.get('server.cron.enabled')) {
    strapi.log.warn(
      `llm: raw usage events are kept ${retention.rawDays} days, but cron is disabled (server.cron.enabled), so nothing prunes them`
    );
  }
};

export default bootstrap;
