import { createAdapterRegistry } from '../adapters/registry';

/** `strapi.plugin('llm').service('adapters')`: the adapter types providers can use; apps may add theirs. */
export default () => createAdapterRegistry();
