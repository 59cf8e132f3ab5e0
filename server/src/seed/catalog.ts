import type { ServiceType } from '../../../shared/services';

/** The demo site's providers and models: real-looking names, at least four adapter types. */
export const DEMO_PROVIDERS = [
  { key: 'openai', name: 'OpenAI', adapter: 'openai' },
  { key: 'anthropic', name: 'Anthropic', adapter: 'anthropic' },
  { key: 'google', name: 'Google Gemini', adapter: 'google' },
  { key: 'mistral', name: 'Mistral', adapter: 'mistral' },
  { key: 'ollama', name: 'Ollama (local)', adapter: 'ollama' },
  { key: 'deepl', name: 'DeepL', adapter: 'deepl' },
] as const;

export interface DemoModel {
  key: string;
  provider: (typeof DEMO_PROVIDERS)[number]['key'];
  modelId: string;
  displayName: string;
  services: ServiceType[];
  /** Used when the catalogue has no price for the model (unit-priced services, local models). */
  fallbackPrices?: Record<string, string>;
  weight: number;
}

export const DEMO_MODELS: DemoModel[] = [
  {
    key: 'gpt-4o-mini',
    provider: 'openai',
    modelId: 'gpt-4o-mini',
    displayName: 'GPT-4o mini',
    services: ['chat', 'completion', 'vision'],
    weight: 30,
  },
  {
    key: 'gpt-4o',
    provider: 'openai',
    modelId: 'gpt-4o',
    displayName: 'GPT-4o',
    services: ['chat', 'vision'],
    weight: 10,
  },
  {
    key: 'text-embedding-3-small',
    provider: 'openai',
    modelId: 'text-embedding-3-small',
    displayName: 'Embeddings small',
    services: ['embedding'],
    weight: 12,
  },
  {
    key: 'gpt-image-1',
    provider: 'openai',
    modelId: 'gpt-image-1',
    displayName: 'GPT Image',
    services: ['image'],
    weight: 2,
    fallbackPrices: { priceImage: '0.04' },
  },
  {
    key: 'tts-1',
    provider: 'openai',
    modelId: 'tts-1',
    displayName: 'TTS',
    services: ['speech'],
    weight: 2,
    fallbackPrices: { priceCharacters: '15' },
  },
  {
    key: 'whisper-1',
    provider: 'openai',
    modelId: 'whisper-1',
    displayName: 'Whisper',
    services: ['transcription'],
    weight: 2,
    fallbackPrices: { priceAudioMinute: '0.006' },
  },
  {
    key: 'claude-3-5-haiku-latest',
    provider: 'anthropic',
    modelId: 'claude-3-5-haiku-latest',
    displayName: 'Claude 3.5 Haiku',
    services: ['chat', 'completion'],
    weight: 14,
  },
  {
    key: 'claude-sonnet-4-0',
    provider: 'anthropic',
    modelId: 'claude-sonnet-4-0',
    displayName: 'Claude Sonnet 4',
    services: ['chat', 'vision'],
    weight: 6,
  },
  {
    key: 'gemini-2.0-flash',
    provider: 'google',
    modelId: 'gemini-2.0-flash',
    displayName: 'Gemini 2.0 Flash',
    services: ['chat', 'vision', 'translation'],
    weight: 10,
  },
  {
    key: 'mistral-small-latest',
    provider: 'mistral',
    modelId: 'mistral-small-latest',
    displayName: 'Mistral Small',
    services: ['chat', 'completion'],
    weight: 6,
  },
  {
    key: 'llama3.1',
    provider: 'ollama',
    modelId: 'llama3.1:8b',
    displayName: 'Llama 3.1 8B (local)',
    services: ['chat', 'completion'],
    weight: 4,
    fallbackPrices: { priceInput: '0', priceOutput: '0' },
  },
  {
    key: 'deepl',
    provider: 'deepl',
    modelId: 'deepl-pro',
    displayName: 'DeepL Pro',
    services: ['translation'],
    weight: 6,
    fallbackPrices: { priceCharacters: '25' },
  },
];

export const DEMO_SOURCES = [
  'editor-ui',
  'i18n-autotranslate',
  'alt-text',
  'search-index',
  'cron-digest',
  'content-api',
] as const;

/**
 * The demo tasks read the fields of the playground's Article (`title`, `body`), so "Run LLM task…"
 * works on its entries out of the box; an entry without a body fails naming it and `{{body}}`.
 */
export const DEMO_TASKS = [
  {
    name: 'Summarise entry',
    service: 'chat',
    model: 'gpt-4o-mini',
    template: 'Summarise in three sentences.\n\nTitle: {{title}}\n\n{{body}}',
  },
  {
    name: 'Translate entry',
    service: 'translation',
    model: 'deepl',
    template: '{{title}}\n\n{{body}}',
  },
  {
    name: 'Write alt text',
    service: 'vision',
    model: 'gpt-4o-mini',
    template: 'Describe this image for a screen reader.',
  },
  {
    name: 'Classify entry',
    service: 'completion',
    model: 'claude-3-5-haiku-latest',
    template: 'Which category fits best? {{title}}: {{body}}',
  },
  {
    name: 'Embed for search',
    service: 'embedding',
    model: 'text-embedding-3-small',
    template: '{{title}}\n{{body}}',
  },
] as const;

export const DEMO_USERS = [
  {
    firstname: 'Maya',
    lastname: 'Editor',
    email: 'maya.editor@demo.invalid',
    role: 'strapi-editor',
    monthlyBudget: '40',
    activity: 5,
  },
  {
    firstname: 'Noah',
    lastname: 'Editor',
    email: 'noah.editor@demo.invalid',
    role: 'strapi-editor',
    monthlyBudget: '25',
    activity: 3,
  },
  {
    firstname: 'Lena',
    lastname: 'Author',
    email: 'lena.author@demo.invalid',
    role: 'strapi-author',
    monthlyBudget: '10',
    activity: 2,
  },
  {
    firstname: 'Omar',
    lastname: 'Author',
    email: 'omar.author@demo.invalid',
    role: 'strapi-author',
    monthlyBudget: null,
    activity: 1,
  },
  {
    firstname: 'Ines',
    lastname: 'Admin',
    email: 'ines.admin@demo.invalid',
    role: 'strapi-super-admin',
    monthlyBudget: null,
    activity: 1,
  },
] as const;

/** Failures the demo shows, as providers report them (the error-code breakdown). */
export const DEMO_ERRORS = [
  'provider_error',
  'provider_timeout',
  'rate_limited',
  'context_length_exceeded',
];
/** Tags a site's code attaches to calls (the tag breakdown): most calls carry none. */
export const DEMO_METADATA = [
  null,
  null,
  null,
  null,
  { tags: ['newsletter'] },
  { tags: ['newsletter', 'seo'] },
  { tag: 'product-pages' },
];

/** Demo usage is one attempt per call, on no entry, never a response-cache hit. */
export const NOT_CACHED = {
  fallbackFromConfigurationId: null,
  attemptOf: null,
  entryUid: null,
  entryDocumentId: null,
  entryLocale: null,
  cacheHit: false,
  savedNano: 0n,
} as const;
