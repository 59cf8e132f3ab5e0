import type { FieldTexts } from '../labels';

const NANO = 'Billionths of a US dollar: 1,000,000,000 = $1.00.';

/** The usage ledger's fields (read-only: only the gateway writes it). */
export const USAGE_FIELDS: FieldTexts = {
  requestId: { label: 'Request ID', description: 'The call’s id, also in error responses.' },
  occurredAt: { label: 'Time' },
  day: { label: 'Day', description: 'The calendar day in the plugin’s time zone.' },
  hour: { label: 'Hour', description: 'The hour in the plugin’s time zone.' },
  providerId: { label: 'Provider (record ID)' },
  adapter: { label: 'Adapter' },
  modelId: { label: 'Model (record ID)' },
  modelKey: { label: 'Model', description: 'The provider’s id for the model.' },
  configurationId: { label: 'Configuration (record ID)' },
  taskId: { label: 'Task (record ID)' },
  service: { label: 'Service' },
  source: {
    label: 'Source',
    description: 'What made the call: admin, content-api, or the label app code gave it.',
  },
  userId: { label: 'Admin user (ID)', description: 'Empty or 0: no user (app code, cron).' },
  apiTokenId: { label: 'API token (ID)' },
  endUser: {
    label: 'End user',
    description:
      "The caller's label for its own user (the OpenAI-compatible endpoint's user field).",
  },
  inputTokens: { label: 'Input tokens' },
  outputTokens: { label: 'Output tokens' },
  cacheReadTokens: { label: 'Cache read tokens' },
  cacheWriteTokens: { label: 'Cache write tokens' },
  reasoningTokens: { label: 'Reasoning tokens' },
  unitKind: {
    label: 'Unit',
    description: 'What a unit-priced call is counted in: images, characters or seconds.',
  },
  units: { label: 'Units', description: 'Images, characters or seconds (see Unit).' },
  costNano: {
    label: 'Cost (nano-USD)',
    description: `${NANO} Empty: the call could not be priced (never $0).`,
  },
  costRemainderFemto: {
    label: 'Cost remainder (femto-USD)',
    description: 'The part of the cost below a nano-dollar, in 10⁻¹⁵ USD.',
  },
  cacheSavingsNano: {
    label: 'Cache savings (nano-USD)',
    description: `What cached input saved against the input price. ${NANO}`,
  },
  cacheHit: {
    label: 'Response cache hit',
    description: 'Answered from the response cache: no provider was asked, cost 0.',
  },
  savedNano: {
    label: 'Saved by response cache (nano-USD)',
    description: `What the cached answer’s original call cost. ${NANO}`,
  },
  priceSource: {
    label: 'Price from',
    description:
      'model: the model’s own prices; catalogue: the bundled price list; none: unpriced.',
  },
  tokensEstimated: {
    label: 'Tokens estimated',
    description: 'The provider reported no usage: the tokens were counted locally.',
  },
  streamed: { label: 'Streamed' },
  success: { label: 'Succeeded' },
  errorCode: { label: 'Error code' },
  errorMessage: { label: 'Error message' },
  latencyMs: { label: 'Latency (ms)' },
  ttftMs: { label: 'Time to first token (ms)' },
  fallbackFromConfigurationId: {
    label: 'Fallback from (configuration ID)',
    description: 'The configuration that failed or was over budget before this one served.',
  },
  attemptOf: {
    label: 'Attempt of (request ID)',
    description:
      'Set on a retry, fallback or tool step: the request ID of the first attempt of the same call.',
  },
  entryUid: { label: 'Content type', description: 'The content entry the call worked on.' },
  entryDocumentId: { label: 'Entry (document ID)' },
  entryLocale: { label: 'Entry locale' },
  seeded: {
    label: 'Demo data',
    description: 'Made by seed-usage; seed-usage --reset removes it.',
  },
  metadata: { label: 'Metadata' },
};

/** The ledger's list view: when, what, and what it cost (the Content Manager's default is id, request id, time, day). */
export const USAGE_LIST = ['occurredAt', 'modelKey', 'service', 'success', 'costNano'];
export const DEFAULT_USAGE_LIST = ['id', 'requestId', 'occurredAt', 'day'];
