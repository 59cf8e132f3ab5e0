import type { Core } from '@strapi/strapi';
import { closeRedis } from './redis/connection';
import { getService } from './utils/get-service';

/** Shutdown writes every pending usage event (what cannot be written stays spooled for the next boot). */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'budget').settled();
  await getService(strapi, 'rate-limit').settled();
  await getService(strapi, 'llm').responseCache().settled();
  await getService(strapi, 'usage').drain();
  await closeRedis();
};

export default destroy;
