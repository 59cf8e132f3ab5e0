import { defaults } from './defaults';
import { validateConfig } from './validate';

export type { LlmPluginConfig, LlmPluginUserConfig } from './types';

/** The plugin's `config` for Strapi: its defaults, and the check of what the app sets. */
export default {
  default: defaults,
  validator: validateConfig,
};
