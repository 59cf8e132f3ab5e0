import type { StrapiApp } from '@strapi/strapi/admin';

/**
 * The consumer test's admin customisation: only the release notification off (the admin would ask
 * api.github.com for Strapi's latest release; the test uses no network).
 */
export default {
  config: {
    locales: [],
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
