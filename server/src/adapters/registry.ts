import { anthropic, google, mistral, ollama, openai, openaiCompatible } from './ai-sdk';
import { deepl } from './deepl';
import type { AdapterFactory, ProviderAdapter, ProviderConnection } from './types';

export const BUILT_IN_ADAPTERS: Record<string, AdapterFactory> = {
  openai,
  anthropic,
  google,
  mistral,
  ollama,
  'openai-compatible': openaiCompatible,
  deepl,
};

/**
 * Adapter types by name. An app adds its own in its register phase:
 * `strapi.plugin('llm').service('adapters').register('my-host', (connection) => ({ languageModel: … }))`.
 */
export function createAdapterRegistry() {
  const factories = new Map<string, AdapterFactory>(Object.entries(BUILT_IN_ADAPTERS));
  // One adapter instance per provider record version: the AI SDK clients are reusable.
  const instances = new Map<string, ProviderAdapter>();

  return {
    register(name: string, factory: AdapterFactory) {
      if (!/^[a-z][a-z0-9-]*$/.test(name))
        throw new Error(`Adapter names are lowercase words and dashes (got "${name}")`);
      factories.set(name, factory);
      instances.clear();
    },
    has: (name: string) => factories.has(name),
    names: () => [...factories.keys()].sort(),
    forConnection(connection: ProviderConnection, version: string): ProviderAdapter {
      const key = `${connection.id}:${version}`;
      let adapter = instances.get(key);
      if (!adapter) {
        const factory = factories.get(connection.adapter);
        if (!factory)
          throw new Error(
            `Unknown adapter "${connection.adapter}" (known: ${[...factories.keys()].join(', ')})`
          );
        adapter = factory(connection);
        instances.set(key, adapter);
      }
      return adapter;
    },
    clear: () => instances.clear(),
  };
}

export type AdapterRegistry = ReturnType<typeof createAdapterRegistry>;
