import type { Core } from '@strapi/strapi';
import type { ProviderAdapter, ProviderConnection } from '../adapters/types';
import { UID } from '../content-types/schemas';
import { knexOf, tableOf } from '../db/tables';
import { createConnections } from '../gateway/connection';
import { LlmError } from '../gateway/errors';
import type { ProviderRecord } from '../gateway/types';
import { apiKeySecret, securityConfig } from '../plugin-config';
import { getService } from '../utils/get-service';

/**
 * A provider as the admin's provider tools reach it: the record with its stored key, and its connection and adapter made exactly as the
 * gateway makes them (gateway/connection.ts): allowed key variables, the decrypted key, a base URL
 * the outbound rules accept and a fetch that reaches only allowed destinations.
 */
export function createProviderAccess(strapi: Core.Strapi) {
  let security: ReturnType<typeof securityConfig> | undefined;
  const connectionFor = createConnections({
    secret: () => apiKeySecret(strapi),
    security: () => (security ??= securityConfig(strapi)),
  });

  async function load(documentId: string): Promise<ProviderRecord> {
    const provider = await strapi.db.query(UID.provider).findOne({ where: { documentId } });
    if (!provider) throw new LlmError('not_found', `No LLM provider ${documentId}`);
    // The query engine withholds the key from reads rooted at the provider (security/secret-fields.ts);
    // its stored, encrypted value is read by plain SQL and decrypted only by the connection.
    const { name, column } = tableOf(strapi, UID.provider);
    const row = await knexOf(strapi)(name)
      .where(column('id'), provider.id)
      .first(`${column('apiKey')} AS stored`);
    return { ...provider, apiKey: (row?.stored as string | null | undefined) ?? null };
  }

  /** The provider's connection and adapter; refusals (key variable, base URL) are invalid_request. */
  function connect(provider: ProviderRecord): {
    connection: ProviderConnection;
    adapter: ProviderAdapter;
  } {
    const connection = connectionFor(provider);
    try {
      const adapter = getService(strapi, 'adapters').forConnection(
        connection,
        String(provider.updatedAt ?? '')
      );
      return { connection, adapter };
    } catch (error) {
      throw new LlmError('invalid_request', (error as Error).message, { cause: error });
    }
  }

  return { load, connect };
}

export type ProviderAccess = ReturnType<typeof createProviderAccess>;
