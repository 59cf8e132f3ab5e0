import type { Core } from '@strapi/strapi';
import type { ConnectionTest } from '../../../shared/contracts/providers';
import { UID } from '../content-types/schemas';
import { LlmError } from '../gateway/errors';
import type { ProviderRecord } from '../gateway/types';
import { getService } from '../utils/get-service';
import type { ProviderAccess } from './access';
import { isProviderFailure, LIST_DEADLINE_MS, providerFailure } from './failures';

/** Where "Test connection" calls come from in usage rows (the one-token chat probe is metered). */
export const TEST_CONNECTION_SOURCE = 'llm-test-connection';

/** A chat model of the provider to send a one-token probe to, for adapters that list nothing. */
async function probeModel(strapi: Core.Strapi, provider: ProviderRecord) {
  const models = (await strapi.db.query(UID.model).findMany({
    where: { provider: { id: provider.id }, active: true },
    select: ['id', 'capabilities'],
    orderBy: { id: 'asc' },
  })) as Array<{ id: number; capabilities?: string[] | null }>;
  const chat = models.find((m) => !m.capabilities || m.capabilities.includes('chat'));
  if (!chat)
    throw new LlmError(
      'unsupported_service',
      `Provider "${provider.name}" (${provider.adapter}) lists no models: add an active chat model to test it with a one-token call`
    );
  return chat;
}

/** The failed test, as shown: the code, the message without the key, the failed probe's request id. */
function failed(
  method: ConnectionTest['method'],
  latencyMs: number,
  failure: LlmError
): ConnectionTest {
  return {
    ok: false,
    method,
    latencyMs,
    error: {
      code: failure.code,
      message: failure.message,
      ...(failure.providerStatus !== undefined && { providerStatus: failure.providerStatus }),
      ...(failure.requestId !== undefined && { requestId: failure.requestId }),
    },
  };
}

/**
 * One minimal request to the provider, with its latency: the first page of its models list where
 * it has one (free, no tokens), DeepL's usage endpoint, else a one-token chat through the gateway's
 * normal path (so it is budgeted and metered like any call), all within one deadline. What the
 * provider answered (or did not) is the answer, never thrown; a fault of the plugin or its database
 * is thrown (Strapi's error handler answers 500), as is a provider that does not exist.
 */
export async function testConnection(
  strapi: Core.Strapi,
  access: ProviderAccess,
  documentId: string,
  user: number | null
): Promise<ConnectionTest> {
  const provider = await access.load(documentId);
  let method: ConnectionTest['method'] = 'models';
  let apiKey: string | undefined;
  let started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  try {
    const { adapter, connection } = access.connect(provider);
    apiKey = connection.apiKey;
    if (!adapter.listModels) method = adapter.checkConnection ? 'usage' : 'chat';
    const model = method === 'chat' ? await probeModel(strapi, provider) : null;
    const deadline = AbortSignal.timeout(LIST_DEADLINE_MS);
    started = performance.now();
    if (adapter.listModels) {
      const models = await adapter.listModels(deadline, { maxPages: 1 });
      return { ok: true, method, latencyMs: elapsed(), modelCount: models.length };
    }
    if (adapter.checkConnection) await adapter.checkConnection(deadline);
    else
      await getService(strapi, 'llm').chat({
        model: model!.id,
        prompt: 'ping',
        maxOutputTokens: 1,
        source: TEST_CONNECTION_SOURCE,
        user,
      });
    return { ok: true, method, latencyMs: elapsed() };
  } catch (error) {
    if (!isProviderFailure(error)) throw error;
    return failed(method, elapsed(), providerFailure(error, provider, apiKey));
  }
}
