/** The kinds of call the gateway meters; one source of truth for server, admin and schemas. */
export const SERVICE_TYPES = [
  'chat',
  'completion',
  'embedding',
  'vision',
  'translation',
  'image',
  'speech',
  'transcription',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** What a usage row's `units` count, for services not priced by tokens. */
export const UNIT_KIND: Partial<Record<ServiceType, 'images' | 'characters' | 'seconds'>> = {
  image: 'images',
  speech: 'characters',
  translation: 'characters',
  transcription: 'seconds',
};

/** Whether a call is priced by tokens: every service without a unit kind, and translation by an LLM (DeepL bills characters). */
export const isTokenPriced = (service: ServiceType, adapter: string) =>
  UNIT_KIND[service] === undefined || (service === 'translation' && adapter !== 'deepl');

export type PriceSource = 'model' | 'catalogue' | 'none';
