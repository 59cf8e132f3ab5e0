import * as deeplNode from 'deepl-node';
import { assertOutboundAllowed } from '../security/outbound';
import type { AdapterFactory } from './types';

/** DeepL through its official client; `billedCharacters` is what DeepL charges for. */
export const deepl: AdapterFactory = (connection) => {
  const translator = new deeplNode.Translator(connection.apiKey ?? '', {
    serverUrl: connection.baseURL || undefined,
    // The gateway retries (and meters each attempt); the client must not retry underneath it.
    maxRetries: 0,
    minTimeout: connection.timeoutMs,
    sendPlatformInfo: false,
  });
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
  };
};
