/** One spelling of the plugin id for server, admin and tests. */
export const PLUGIN_ID = 'llm' as const;
