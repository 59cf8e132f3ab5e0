import type { UsageEvent } from '../../server/src/usage/event';

/** A usage event's outcome fields for a plain successful call on no entry (fixtures override them). */
export const PLAIN_OUTCOME = {
  tokensEstimated: false,
  streamed: false,
  success: true,
  errorCode: null,
  errorMessage: null,
  ttftMs: null,
  fallbackFromConfigurationId: null,
  attemptOf: null,
  entryUid: null,
  entryDocumentId: null,
  entryLocale: null,
  seeded: false,
  metadata: null,
  cacheHit: false,
  savedNano: 0n,
} satisfies Partial<UsageEvent>;
