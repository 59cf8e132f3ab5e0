import type { Core } from '@strapi/strapi';
import { withDefaults } from './config/defaults';
import type { LlmPluginConfig, LlmPluginUserConfig } from './config/types';

const KEY = 'plugin::llm';

/**
 * Completes the app's config with the nested defaults, once (register): from then on every reader
 * gets the whole config as it is, with nothing merged per call.
 */
export function resolvePluginConfig(strapi: Core.Strapi) {
  strapi.config.set(KEY, withDefaults((strapi.config.get(KEY) ?? {}) as LlmPluginUserConfig));
}

/** The plugin's config, complete (resolved at register). */
export const pluginConfig = (strapi: Core.Strapi): LlmPluginConfig =>
  strapi.config.get(KEY) as LlmPluginConfig;

/** The secret for stored API keys: the plugin's own, else the admin's encryption key. */
export function apiKeySecret(strapi: Core.Strapi): string | undefined {
  return (
    pluginConfig(strapi).encryptionKey ??
    (strapi.config.get('admin.secrets.encryptionKey') as string | undefined) ??
    undefined
  );
}

/** Where outbound traffic may go and which environment variables may hold keys. */
export const securityConfig = (strapi: Core.Strapi) => pluginConfig(strapi).security;
