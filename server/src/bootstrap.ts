import type { Core } from '@strapi/strapi';
import { actionDefinitions } from './permissions';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.admin!.services.permission.actionProvider.registerMany(actionDefinitions);
  // Usage can only be written once the database is up; this also replays what a crash left spooled.
  await strapi.plugin('llm').service('usage').start();
};

export default bootstrap;
