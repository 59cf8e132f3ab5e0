import type { Core } from '@strapi/strapi';
import { createGateway } from '../gateway/gateway';
import { createResolver } from '../gateway/resolve';
import { priceCall } from '../pricing/price-sheet';
import { apiKeySecret, pluginConfig, securityConfig } from '../plugin-config';
import { getService } from '../utils/get-service';

/**
 * `strapi.plugin('llm').service('llm')`: the gateway. Every LLM call of the site goes through here:
 * resolve configuration → budget gate → provider adapter → meter → usage store.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const resolver = createResolver(strapi);

  const gateway = createGateway(strapi, {
    resolver,
    adapters: getService(strapi, 'adapters'),
    secret: () => apiKeySecret(strapi),
    now: () => getService(strapi, 'clock').now(),
    // Read once, like the time zone below: one guarded fetch (and its connection pool) for the process.
    security: (() => {
      let security: ReturnType<typeof securityConfig> | undefined;
      return () => (security ??= securityConfig(strapi));
    })(),
    meter: {
      budget: () => getService(strapi, 'budget').gate(),
      price: (target, quantities, at) =>
        priceCall(target.model, target.provider.adapter, quantities, at),
      record: (event) => getService(strapi, 'usage').record(event),
      // Read once: plugin config does not change while Strapi runs, and this is asked per call.
      timeZone: (() => {
        let zone: string | undefined;
        return () => (zone ??= pluginConfig(strapi).timeZone);
      })(),
    },
  });

  return {
    ...gateway,
    /** Where a call with these options would go (estimates use it to price without calling). */
    target: (options: Parameters<typeof resolver.resolve>[0]) => resolver.resolve(options),
    invalidateCache: () => resolver.invalidate(),
  };
};
