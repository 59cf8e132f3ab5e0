import type { Core } from '@strapi/strapi';
import config, { type LlmPluginConfig, type LlmPluginUserConfig } from './config';

/** The plugin's config with defaults filled in (Strapi merges only the top level of user config). */
export function pluginConfig(strapi: Core.Strapi): LlmPluginConfig {
  const defaults = config.default();
  const user = (strapi.config.get('plugin::llm') ?? {}) as LlmPluginUserConfig;
  return {
    ...defaults,
    ...user,
    security: { ...defaults.security, ...(user.security ?? {}) },
    usage: { ...defaults.usage, ...(user.usage ?? {}) },
    retention: { ...defaults.retention, ...(user.retention ?? {}) },
  };
}

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
