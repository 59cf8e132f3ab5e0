import { isTokenPriced, UNIT_KIND, type ServiceType } from '../../../shared/services';
import {
  cacheSavings,
  computeCost,
  ZERO_QUANTITIES,
  type MeteredQuantities,
} from '../pricing/cost';
import { resolvePrices } from '../pricing/price-sheet';
import { shiftDay } from '../analytics/range';
import { dayKey, hourKey, localHourStart } from '../time/day-key';
import type { UsageEvent } from '../usage/event';
import { DEMO_ERRORS, DEMO_METADATA, DEMO_MODELS, NOT_CACHED } from './catalog';
import type { DemoSite } from './demo-records';
import type { Random } from './random';
import { demoClient } from './demo-token';

// Office hours carry the load; nights are quiet. Hours of the local day, in the configured time zone.
const HOUR_WEIGHTS = [
  1, 1, 1, 1, 1, 2, 3, 6, 10, 14, 15, 14, 11, 13, 15, 14, 12, 9, 6, 4, 3, 2, 2, 1,
];
const HOUR_MS = 3_600_000;

/**
 * The local hours of `day` events may fall in, by weight, each with the instant it starts and how
 * long it lasts up to now: today stops at "now" (its current hour counts for the part that passed),
 * so no event lies in the future. Also the share of a whole day's weight those hours carry.
 */
function hoursOf(day: string, now: Date, timeZone: string) {
  const hours: Array<readonly [{ start: number; length: number }, number]> = [];
  let weight = 0;
  for (const [hour, w] of HOUR_WEIGHTS.entries()) {
    const start = localHourStart(day, hour, timeZone).getTime();
    const end =
      hour === 23
        ? localHourStart(shiftDay(day, 1), 0, timeZone).getTime()
        : localHourStart(day, hour + 1, timeZone).getTime();
    const length = Math.min(end, now.getTime()) - start;
    if (length <= 0 || end <= start) continue;
    const share = w * (length / (end - start));
    hours.push([{ start, length }, share]);
    weight += share;
  }
  return { hours, share: weight / HOUR_WEIGHTS.reduce((a, b) => a + b, 0) };
}

export interface GenerateOptions {
  days: number;
  perDay: number;
  now: Date;
  timeZone: string;
}

/** How many calls a day gets: weekday rhythm, a growth trend, occasional spikes. */
function callsOn(day: string, index: number, options: GenerateOptions, random: Random): number {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.35 : 1;
  const growth = 0.55 + 0.45 * (index / Math.max(1, options.days - 1));
  const spike = random.next() < 0.04 ? 2.5 + random.next() * 2 : 1;
  const noise = 0.85 + random.next() * 0.3;
  return Math.max(0, Math.round(options.perDay * weekend * growth * spike * noise));
}

function quantities(service: ServiceType, random: Random) {
  const input = random.longTail(service === 'embedding' ? 400 : 900, 0.9);
  const output = service === 'embedding' ? 0 : random.longTail(280, 0.8);
  const cached =
    service !== 'embedding' && random.next() < 0.3
      ? Math.floor(input * (0.3 + random.next() * 0.6))
      : 0;
  const unitKind = UNIT_KIND[service];
  const units =
    service === 'image'
      ? random.int(1, 4)
      : service === 'speech'
        ? random.longTail(600, 0.7)
        : service === 'transcription'
          ? random.longTail(90, 0.8)
          : 0;
  return { input, output, cached, unitKind, units };
}

/** Day and hour keys per quarter hour, computed once: a run stamps millions of events. */
function keyCache(timeZone: string) {
  const keys = new Map<number, { day: string; hour: string }>();
  return (date: Date) => {
    const slot = Math.floor(date.getTime() / 900_000);
    let slotKeys = keys.get(slot);
    if (!slotKeys) {
      slotKeys = { day: dayKey(date, timeZone), hour: hourKey(date, timeZone) };
      keys.set(slot, slotKeys);
    }
    return slotKeys;
  };
}

/** Each demo model's prices by the gateway's own rules (explicit → free → catalogue → derived), resolved once. */
function priceSheets(site: DemoSite, now: Date) {
  const every = {
    inputTokens: 2,
    outputTokens: 1,
    cacheReadTokens: 1,
    cacheWriteTokens: 0,
    images: 1,
    characters: 1,
    seconds: 1,
  };
  return new Map(
    [...site.models].map(([key, record]) => {
      const provider = site.providers.get(DEMO_MODELS.find((m) => m.key === key)!.provider)!;
      return [key, resolvePrices(record, provider.adapter, every, now)];
    })
  );
}

type Sheet = ReturnType<typeof resolvePrices>;

/** A demo call's cost exactly as the gateway prices it (a failed call is unpriced). */
function priceOf(usage: MeteredQuantities, prices: Sheet, failed: boolean) {
  const cost = failed ? null : computeCost(usage, prices.sheet);
  return cost?.priced
    ? {
        costNano: cost.costNano,
        costRemainderFemto: Number(cost.remainderFemto),
        cacheSavingsNano: cacheSavings(usage, prices.sheet),
        priceSource: prices.fromCatalogue ? ('catalogue' as const) : ('model' as const),
      }
    : { costNano: null, costRemainderFemto: 0, cacheSavingsNano: 0n, priceSource: 'none' as const };
}

/** What a demo call of this service consumed, in the units its provider prices. */
function usageOf(service: ServiceType, adapter: string, random: Random) {
  const drawn = quantities(service, random);
  const failed = random.next() < 0.02;
  const streamed = service === 'chat' && random.next() < 0.3;
  const tokenPriced = isTokenPriced(service, adapter);
  const usage = {
    ...ZERO_QUANTITIES,
    inputTokens: tokenPriced ? drawn.input : 0,
    outputTokens: tokenPriced ? drawn.output : 0,
    cacheReadTokens: tokenPriced ? drawn.cached : 0,
    images: service === 'image' ? drawn.units : 0,
    characters:
      service === 'speech' || (service === 'translation' && !tokenPriced)
        ? drawn.units || random.longTail(1500, 0.8)
        : 0,
    seconds: service === 'transcription' ? drawn.units : 0,
  };
  return { usage, failed, streamed, tokenPriced };
}

interface DemoDay {
  site: DemoSite;
  sheets: Map<string, Sheet>;
  keysAt: ReturnType<typeof keyCache>;
  models: Array<readonly [(typeof DEMO_MODELS)[number], number]>;
  users: Array<readonly [number | null, number]>;
}

/** One demo call in `hour`: who made it, on which model and service, what it used and cost. */
function demoEvent(
  ctx: DemoDay,
  hour: { start: number; length: number },
  random: Random
): UsageEvent {
  const occurredAt = new Date(hour.start + Math.min(random.int(0, HOUR_MS - 1), hour.length - 1));
  const demo = random.weighted(ctx.models);
  const model = ctx.site.models.get(demo.key)!;
  const provider = ctx.site.providers.get(demo.provider)!;
  const service = random.pick(demo.services);
  const task =
    random.next() < 0.45
      ? ctx.site.tasks.find((t) => t.model === demo.key && t.service === service)
      : undefined;
  const { usage, failed, streamed, tokenPriced } = usageOf(service, provider.adapter, random);
  const units = usage.images || usage.characters || usage.seconds;
  // Demo models carry their prices (copied from the catalogue), so the model's own sheet prices every call.
  const priced = priceOf(usage, ctx.sheets.get(demo.key)!, failed);
  const { day, hour: hourKeyOf } = ctx.keysAt(occurredAt);
  const latencyMs = random.longTail(streamed ? 2200 : 900, 0.6);
  const client = demoClient(ctx.site.apiTokenId, ctx.users, random);
  return {
    requestId: '',
    occurredAt,
    day,
    hour: hourKeyOf,
    providerId: provider.id,
    adapter: provider.adapter,
    modelId: model.id,
    modelKey: model.modelId,
    configurationId: ctx.site.configurations.get(demo.key)?.id ?? null,
    taskId: task?.id ?? null,
    service,
    ...client,
    inputTokens: failed ? 0 : usage.inputTokens,
    outputTokens: failed ? 0 : usage.outputTokens,
    cacheReadTokens: failed ? 0 : usage.cacheReadTokens,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    unitKind: tokenPriced ? null : (UNIT_KIND[service] ?? null),
    units: failed || tokenPriced ? 0 : units,
    ...priced,
    tokensEstimated: false,
    streamed,
    success: !failed,
    errorCode: failed ? random.pick(DEMO_ERRORS) : null,
    errorMessage: failed ? 'demo failure' : null,
    latencyMs,
    ttftMs: streamed ? Math.round(latencyMs * 0.25) : null,
    seeded: true,
    metadata: random.pick(DEMO_METADATA),
    ...NOT_CACHED,
  };
}

/**
 * The demo usage of one calendar day, deterministic for a given random sequence: models by weight,
 * users by activity (and system calls), every service, ~2 % failures, cache hits, streamed chats,
 * long-tailed token counts, each priced exactly as the gateway would have priced it.
 */
export function* generateDays(
  site: DemoSite,
  options: GenerateOptions,
  random: Random
): Generator<UsageEvent[]> {
  const today = dayKey(options.now, options.timeZone);
  const ctx: DemoDay = {
    site,
    sheets: priceSheets(site, options.now),
    keysAt: keyCache(options.timeZone),
    models: DEMO_MODELS.map((m) => [m, m.weight] as const),
    users: [
      ...site.users.map((u) => [u.id as number | null, u.activity] as const),
      [null, 2] as const,
    ],
  };
  for (let index = 0; index < options.days; index += 1) {
    const day = shiftDay(today, index - (options.days - 1));
    const { hours, share } = hoursOf(day, options.now, options.timeZone);
    const count = hours.length === 0 ? 0 : Math.round(callsOn(day, index, options, random) * share);
    const events: UsageEvent[] = [];
    for (let i = 0; i < count; i += 1) events.push(demoEvent(ctx, random.weighted(hours), random));
    events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    for (const event of events) event.requestId = random.uuidAt(event.occurredAt.getTime());
    yield events;
  }
}
