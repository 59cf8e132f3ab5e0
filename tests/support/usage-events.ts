import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import { createUsageStore } from '../../server/src/usage/store';
import type { UsageEvent } from '../../server/src/usage/event';
import { dayKey, hourKey } from '../../server/src/time/day-key';
import { PLAIN_OUTCOME } from './event-defaults';

/**
 * Writes usage events at chosen instants through the real usage store (events + rollups in one
 * transaction), as the gateway would have at that time: for range-edge tests and fixtures.
 */
export async function writeEvents(
  strapi: Core.Strapi,
  timeZone: string,
  events: Array<Partial<UsageEvent> & { occurredAt: Date }>
) {
  const store = createUsageStore(strapi);
  const full: UsageEvent[] = events.map((e) => ({
    requestId: randomUUID(),
    day: dayKey(e.occurredAt, timeZone),
    hour: hourKey(e.occurredAt, timeZone),
    providerId: null,
    adapter: null,
    modelId: null,
    modelKey: null,
    configurationId: null,
    taskId: null,
    service: 'chat',
    source: null,
    userId: null,
    apiTokenId: null,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    unitKind: null,
    units: 0,
    costNano: 0n,
    costRemainderFemto: 0,
    cacheSavingsNano: 0n,
    priceSource: 'model',
    ...PLAIN_OUTCOME,
    latencyMs: 100,
    ...e,
  }));
  await store.writeBatch(full);
  return full;
}
