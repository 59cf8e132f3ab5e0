import type { Core } from '@strapi/strapi';
import { budgetControl } from '../budgets/control';
import { responseCacheOf } from '../cache/setup';
import { createBreaker } from '../circuit/breaker';
import { createGateway } from '../gateway/gateway';
import { createResolver } from '../gateway/resolve';
import { priceCall } from '../pricing/price-sheet';
import { apiKeySecret, pluginConfig, securityConfig } from '../plugin-config';
import { getService } from '../utils/get-service';

/**
 * `strapi.plugin('llm').service('llm')`: the gateway. Every LLM call of the site goes through here:
 * resolve configuration → allow-list → response cache → controls (circuit breaker, rate limits,
 * budgets) → provider adapter → meter → usage store.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const resolver = createResolver(strapi);
  const breaker = createBreaker(strapi, {
    config: () => pluginConfig(strapi).circuitBreaker,
    now: () => getService(strapi, 'clock').now(),
  });

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
      // Allow-list, then the response cache, then circuit breaker, rate limits, budgets: the order a
      // call is checked in (gateway/controls.ts). A denied caller never gets a cached answer; a hit
      // asks no provider, so it skips the breaker and counts against no rate limit or budget; a
      // call the breaker refuses never counts against a limit or budget.
      access: () => [getService(strapi, 'access').control()],
      cache: responseCacheOf(strapi),
      controls: () => [
        breaker.control,
        getService(strapi, 'rate-limit').control(),
        budgetControl(getService(strapi, 'budget').gate()),
      ],
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
    /** The response cache (cache/): lifecycles drop a configuration's or model's entries. */
    responseCache: () => responseCacheOf(strapi),
    /** A provider's circuit as this instance last saw it (closed, open or half-open). */
    circuitState: breaker.stateOf,
    /** Resolves when every call outcome seen so far has reached the circuits table. */
    circuitSettled: breaker.settled,
  };
};
