import type { Core } from '@strapi/strapi';
import type { AdapterRegistry } from '../adapters/registry';
import { createGateway } from '../gateway/gateway';
import { createResolver } from '../gateway/resolve';
import { priceCall } from '../pricing/price-sheet';
import { apiKeySecret, pluginConfig, securityConfig } from '../plugin-config';

/**
 * `strapi.plugin('llm').service('llm')`: the gateway. Every LLM call of the site goes through here:
 * resolve configuration → budget gate → provider adapter → meter → usage store.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin('llm').service(name);
  const resolver = createResolver(strapi);

  const gateway = createGateway(strapi, {
    resolver,
    adapters: service('adapters') as AdapterRegistry,
    secret: () => apiKeySecret(strapi),
    now: () => service('clock').now(),
    // Read once, like the time zone below: one guarded fetch (and its connection pool) for the process.
    security: (() => {
      let security: ReturnType<typeof securityConfig> | undefined;
      return () => (security ??= securityConfig(strapi));
    })(),
    meter: {
      budget: () => service('budget').gate(),
      price: (target, quantities, at) =>
        priceCall(target.model, target.provider.adapter, quantities, at),
      record: (event) => service('usage').record(event),
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
