import { PLUGIN_ID } from '../pluginId';

/** Prefixes a message id with the plugin id, as Strapi's admin expects for plugin translations. */
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;
