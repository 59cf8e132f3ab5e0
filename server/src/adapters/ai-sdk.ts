import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createMistral } from '@ai-sdk/mistral';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import {
  listAnthropicModels,
  listGeminiModels,
  listOllamaModels,
  listOpenAiModels,
} from './model-lists';
import type { AdapterFactory, ProviderConnection } from './types';

const baseURL = (value: string | null | undefined) => value || undefined;

/**
 * The settings every hosted provider's client takes from a connection. Every client gets the
 * connection's guarded fetch: requests reach only allowed destinations.
 */
const clientSettings = (connection: ProviderConnection) => ({
  baseURL: baseURL(connection.baseURL),
  apiKey: connection.apiKey ?? '',
  fetch: connection.fetch,
});

// OpenAI's chat-completions API: the wire format every OpenAI-compatible host also speaks.
export const openai: AdapterFactory = (connection) => {
  const provider = createOpenAI(clientSettings(connection));
  return {
    languageModel: (id) => provider.chat(id),
    embeddingModel: (id) => provider.embedding(id),
    imageModel: (id) => provider.image(id),
    speechModel: (id) => provider.speech(id),
    transcriptionModel: (id) => provider.transcription(id),
    listModels: (signal, options) =>
      listOpenAiModels(
        connection,
        connection.baseURL || 'https://api.openai.com/v1',
        signal,
        options
      ),
  };
};

export const anthropic: AdapterFactory = (connection) => {
  const provider = createAnthropic(clientSettings(connection));
  return {
    languageModel: (id) => provider.languageModel(id),
    listModels: (signal, options) =>
      listAnthropicModels(
        connection,
        connection.baseURL || 'https://api.anthropic.com/v1',
        signal,
        options
      ),
  };
};

export const google: AdapterFactory = (connection) => {
  const provider = createGoogleGenerativeAI(clientSettings(connection));
  return {
    languageModel: (id) => provider.languageModel(id),
    embeddingModel: (id) => provider.embedding(id),
    imageModel: (id) => provider.image(id),
    listModels: (signal, options) =>
      listGeminiModels(
        connection,
        connection.baseURL || 'https://generativelanguage.googleapis.com/v1beta',
        signal,
        options
      ),
  };
};

export const mistral: AdapterFactory = (connection) => {
  const provider = createMistral(clientSettings(connection));
  return {
    languageModel: (id) => provider.languageModel(id),
    embeddingModel: (id) => provider.embedding(id),
    listModels: (signal, options) =>
      listOpenAiModels(
        connection,
        connection.baseURL || 'https://api.mistral.ai/v1',
        signal,
        options
      ),
  };
};

const compatible =
  (defaultBaseURL?: string, list = listOpenAiModels): AdapterFactory =>
  (connection) => {
    const url = baseURL(connection.baseURL) ?? defaultBaseURL;
    if (!url)
      throw new Error(`Provider "${connection.name}" (${connection.adapter}) needs a base URL`);
    const provider = createOpenAICompatible({
      name: connection.adapter,
      baseURL: url,
      apiKey: connection.apiKey || undefined,
      includeUsage: true,
      fetch: connection.fetch,
    });
    return {
      languageModel: (id) => provider.chatModel(id),
      embeddingModel: (id) => provider.textEmbeddingModel(id),
      imageModel: (id) => provider.imageModel(id),
      listModels: (signal, options) => list(connection, url, signal, options),
    };
  };

// Ollama's models are its local tags (GET /api/tags), not its OpenAI-compatible list.
export const ollama = compatible('http://127.0.0.1:11434/v1', listOllamaModels);
export const openaiCompatible = compatible();
