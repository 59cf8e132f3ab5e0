import type { Core } from '@strapi/strapi';

/**
 * The consumer test's config/server.ts: the file create-strapi-app@5.54.0 writes, with Strapi's
 * update check off (it would ask the npm registry for the latest version; the test uses no network).
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: {
    keys: env.array('APP_KEYS')!,
  },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
  logger: {
    updates: { enabled: false },
  },
});

export default config;
