import type { Core } from '@strapi/strapi';

/** Shutdown writes every pending usage event (what cannot be written stays spooled for the next boot). */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.plugin('llm').service('budget').settled();
  await strapi.plugin('llm').service('usage').drain();
};

export default destroy;
