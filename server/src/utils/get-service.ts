import type { Core } from '@strapi/strapi';
import type services from '../services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<Name extends ServiceName> = ReturnType<Services[Name]>;

/**
 * One of this plugin's services, typed (Strapi's `plugin().service()` returns `any`): the way
 * content-releases and review-workflows reach their own services.
 */
export const getService = <Name extends ServiceName>(
  strapi: Core.Strapi,
  name: Name
): Service<Name> => strapi.plugin('llm').service(name) as Service<Name>;
