import type { Core } from '@strapi/strapi';
import type { ImportProviderModels } from '../../../shared/contracts/providers';
import { createProviderAccess } from '../provider-tools/access';
import { testConnection } from '../provider-tools/connection-test';
import { availableModels, importModels } from '../provider-tools/discovery';
import { getService } from '../utils/get-service';

/**
 * `strapi.plugin('llm').service('provider-tools')`: a provider's "Test connection" and model
 * discovery ("Import models"), over the gateway's own connection and adapter of the provider.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const access = createProviderAccess(strapi);
  const now = () => getService(strapi, 'clock').now();
  return {
    testConnection: (documentId: string, user: number | null) =>
      testConnection(strapi, access, documentId, user),
    availableModels: (documentId: string) => availableModels(strapi, access, documentId, now()),
    importModels: (documentId: string, body: ImportProviderModels.Request['body']) =>
      importModels(strapi, access, documentId, body, now()),
  };
};
