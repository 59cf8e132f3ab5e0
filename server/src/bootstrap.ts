import type { Core } from '@strapi/strapi';
import { configureContentManager } from './content-types/content-manager';
import { actionDefinitions } from './permissions';
import { pluginConfig } from './plugin-config';
import { applyEffectivePermissions } from './security/authority';
import { getService } from './utils/get-service';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.admin!.services.permission.actionProvider.registerMany(actionDefinitions);
  // Before any request: every admin ability is built from effective permissions (security/authority).
  applyEffectivePermissions(strapi);
  // Usage can only be written once the database is up; this also replays what a crash left spooled.
  await getService(strapi, 'usage').start();
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
  if (!strapi.config.get('server.cron.enabled')) {
    strapi.log.warn(
      `llm: raw usage events are kept ${retention.rawDays} days, but cron is disabled (server.cron.enabled), so nothing prunes them`
    );
  }
};

export default bootstrap;
