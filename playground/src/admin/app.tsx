import type { StrapiApp } from '@strapi/strapi/admin';

/** The admin languages a user can pick in their profile: the plugin ships English, French and German. */
export default {
  config: {
    locales: ['fr', 'de'],
  },
  bootstrap(_app: StrapiApp) {},
};
