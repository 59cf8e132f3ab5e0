/**
 * What the Content Manager shows for each field of the plugin's types: a human label and a
 * description (the field's help text). Set as the Content Manager's own field metadata, so an admin
 * can still edit them in "Configure the view" (content-manager.ts keeps their edits).
 */
export interface FieldText {
  label: string;
  description?: string;
}

export type FieldTexts = Record<string, FieldText>;

/** Fields every type has; the Content Manager labels them with their raw names. */
export const COMMON_FIELDS: FieldTexts = {
  id: { label: 'ID' },
  documentId: { label: 'Document ID' },
  createdAt: { label: 'Created' },
  updatedAt: { label: 'Updated' },
  publishedAt: { label: 'Published' },
  createdBy: { label: 'Created by' },
  updatedBy: { label: 'Updated by' },
};

const PRICE = 'Empty: the bundled price catalogue’s price. 0: free.';
const ACTIVE = (what: string): FieldText => ({
  label: 'Active',
  description: `An inactive ${what} serves no calls.`,
});

export const PROVIDER_FIELDS: FieldTexts = {
  name: { label: 'Name', description: 'How the provider is named in Analytics and lists.' },
  adapter: {
    label: 'Adapter',
    description: 'The API it speaks, e.g. openai, anthropic, mistral, google or deepl.',
  },
  baseURL: {
    label: 'Base URL',
    description:
      'Empty for the provider’s public API; set it for a proxy or an OpenAI-compatible server.',
  },
  apiKeyEnv: {
    label: 'API key variable',
    description:
      'A server environment variable holding the key (it must be allowed by the plugin’s security.apiKeyEnv). A stored key is set in the Credentials panel.',
  },
  apiKey: { label: 'API key' },
  timeoutMs: {
    label: 'Timeout (ms)',
    description: 'How long one request may take, in milliseconds (60000 = 1 minute).',
  },
  maxRetries: {
    label: 'Retries',
    description: 'How many times a failed request (overload, server error, network) is retried.',
  },
  active: ACTIVE('provider'),
  models: { label: 'Models', description: 'The models called through this provider.' },
};

export const MODEL_FIELDS: FieldTexts = {
  displayName: { label: 'Name', description: 'How the model is named in Analytics and lists.' },
  modelId: {
    label: 'Model ID',
    description: 'The provider’s own id for the model, as its API expects it (e.g. gpt-4o-mini).',
  },
  provider: { label: 'Provider' },
  capabilities: {
    label: 'Capabilities',
    description: 'What the model can do, as a JSON list (e.g. ["chat", "vision"]).',
  },
  contextLength: { label: 'Context window (tokens)' },
  maxOutputTokens: {
    label: 'Max output (tokens)',
    description: 'The most one call may generate, unless its configuration says less.',
  },
  priceInput: { label: 'Input price (USD per 1M tokens)', description: PRICE },
  priceOutput: { label: 'Output price (USD per 1M tokens)', description: PRICE },
  priceCacheRead: {
    label: 'Cache read price (USD per 1M tokens)',
    description: `${PRICE} Without either, cached tokens cost the input price.`,
  },
  priceCacheWrite: {
    label: 'Cache write price (USD per 1M tokens)',
    description: `${PRICE} Without either, cached tokens cost the input price.`,
  },
  priceImage: { label: 'Image price (USD per image)', description: PRICE },
  priceCharacters: { label: 'Character price (USD per 1M characters)', description: PRICE },
  priceAudioMinute: { label: 'Audio price (USD per minute)', description: PRICE },
  active: ACTIVE('model'),
};

export const CONFIGURATION_FIELDS: FieldTexts = {
  name: { label: 'Name', description: 'How app code and tasks name this configuration.' },
  model: { label: 'Model' },
  systemPrompt: { label: 'System prompt', description: 'Sent before every prompt.' },
  temperature: {
    label: 'Temperature',
    description: '0 to 2: higher is more varied. Empty: the provider’s default.',
  },
  topP: {
    label: 'Top P',
    description: '0 to 1 (nucleus sampling). Empty: the provider’s default.',
  },
  maxOutputTokens: {
    label: 'Max output (tokens)',
    description: 'The most one call may generate; budgets reserve this much.',
  },
  settings: { label: 'Provider options', description: 'Extra options for the provider, as JSON.' },
  fallback: {
    label: 'Fallback configuration',
    description: 'Serves the call when this one’s provider fails.',
  },
  responseCache: {
    label: 'Response cache',
    description: 'Answer an identical request from the cache (cost 0) instead of the provider.',
  },
  responseCacheTtlSeconds: {
    label: 'Cache for (seconds)',
    description: 'How long a cached answer is served: 1 to 2,592,000 (30 days). Default 3,600.',
  },
  active: ACTIVE('configuration'),
};

export const TASK_FIELDS: FieldTexts = {
  name: { label: 'Name', description: 'Shown in the “Run LLM task…” dialog and in Analytics.' },
  description: { label: 'Description' },
  service: {
    label: 'Service',
    description:
      'chat, completion, embedding, vision, translation, image, speech or transcription.',
  },
  promptTemplate: {
    label: 'Prompt template',
    description:
      'The prompt with {{variables}}. Run on a content entry, {{field}} is that entry’s field, e.g. {{title}} or {{body}}.',
  },
  variables: {
    label: 'Variables',
    description:
      'The template’s variables with defaults, as JSON: [{"name": "tone", "default": "friendly"}].',
  },
  configuration: { label: 'Configuration' },
  contentApi: {
    label: 'Open to the content API',
    description: 'API tokens may run it: POST /api/llm/tasks/:id/run.',
  },
  responseCache: {
    label: 'Response cache',
    description: 'inherit: as its configuration says; on or off for this task whatever it says.',
  },
  responseCacheTtlSeconds: {
    label: 'Cache for (seconds)',
    description: 'Overrides the configuration’s time; empty: the configuration’s.',
  },
};
