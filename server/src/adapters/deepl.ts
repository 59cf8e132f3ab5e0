import * as deeplNode from 'deepl-node';
import { assertOutboundAllowed, guardedLookup, type OutboundPolicy } from '../security/outbound';
import { getJson } from './list-fetch';
import type { AdapterFactory, ProviderConnection } from './types';

/** Where DeepL is, as deepl-node picks it: the base URL, else the free API for `:fx` keys. */
const serverOf = (connection: ProviderConnection) =>
  (
    connection.baseURL ||
    (connection.apiKey?.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com')
  ).replace(/\/+$/, '');

type AxiosConfig = Record<string, unknown>;
interface DeeplHttpClient {
  prepareRequest: (...args: unknown[]) => AxiosConfig;
}

/**
 * deepl-node brings its own HTTP client (axios, no fetch to hand it), which follows redirects and
 * resolves names itself. Each request it prepares is made to judge every address it connects to
 * (the guarded lookup the plugin's fetch uses) and to follow no redirect (a 3xx is then an error
 * answer). deepl-node has no option for either, so its client's request preparation is wrapped; if
 * a new deepl-node no longer has it, DeepL refuses to start rather than run unguarded.
 */
function guardTransport(translator: deeplNode.Translator, policy: OutboundPolicy) {
  const client = (translator as unknown as { httpClient?: Partial<DeeplHttpClient> }).httpClient;
  const prepare = client?.prepareRequest;
  if (!client || typeof prepare !== 'function')
    throw new Error('deepl-node changed: its HTTP client can no longer be guarded');
  const lookup = guardedLookup(policy);
  client.prepareRequest = (...args: unknown[]) => ({
    ...prepare.apply(client, args),
    maxRedirects: 0,
    lookup,
  });
}

/** DeepL through its official client; `billedCharacters` is what DeepL charges for. */
export const deepl: AdapterFactory = (connection) => {
  const translator = new deeplNode.Translator(connection.apiKey ?? '', {
    serverUrl: connection.baseURL || undefined,
    // The gateway retries (and meters each attempt); the client must not retry underneath it.
    maxRetries: 0,
    minTimeout: connection.timeoutMs,
    sendPlatformInfo: false,
  });
  guardTransport(translator, connection.outbound);
  return {
    async translate({ texts, targetLanguage, sourceLanguage }) {
      // deepl-node brings its own HTTP client (no fetch to hand it): judge the destination, and what
      // its name resolves to now, before each request.
      if (connection.baseURL) await assertOutboundAllowed(connection.baseURL, connection.outbound);
      const results = await translator.translateText(
        texts,
        (sourceLanguage ?? null) as deeplNode.SourceLanguageCode | null,
        targetLanguage as deeplNode.TargetLanguageCode
      );
      return {
        texts: results.map((r) => r.text),
        detectedSourceLanguage: results[0]?.detectedSourceLang,
        billedCharacters: results.reduce((sum, r) => sum + (r.billedCharacters ?? 0), 0),
      };
    },
    // DeepL lists no models: its usage endpoint (GET /v2/usage) is the free request that proves the
    // key, sent through the guarded fetch (destinations judged at connect time, no redirects, the
    // body read with a cap) rather than deepl-node's client.
    async checkConnection(signal) {
      await getJson(
        connection,
        `${serverOf(connection)}/v2/usage`,
        { authorization: `DeepL-Auth-Key ${connection.apiKey ?? ''}` },
        signal
      );
    },
  };
};
