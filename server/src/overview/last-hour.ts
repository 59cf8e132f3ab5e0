import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import { knexOf, tableOf } from '../db/tables';
import { percentiles } from '../usage/latency';
import { callsOnly } from '../usage/metrics';

const HOUR_MS = 3_600_000;

/** A provider's last hour: what an on-call admin asks first when calls start failing. */
export interface LastHour {
  /** Calls that reached the provider (refusals by a control never did). */
  calls: number;
  /** Those that failed; a call its caller aborted is no failure of the provider. */
  failures: number;
  /** The exact 95th percentile (nearest rank) of its successful calls' latency; null without any. */
  p95LatencyMs: number | null;
}

/**
 * Each provider's calls, failures and exact p95 latency in the hour before `now`, from the raw
 * usage rows: two grouped reads (calls per provider, successful calls per exact latency), answered
 * by the (provider_id, success, occurred_at) index and a handful of rows per distinct latency.
 */
export async function lastHourByProvider(
  strapi: Core.Strapi,
  now: Date
): Promise<Map<number, LastHour>> {
  const knex = knexOf(strapi);
  const usage = tableOf(strapi, UID.usage);
  const u = usage.column;
  const since = new Date(now.getTime() - HOUR_MS);
  const recent = () =>
    knex(usage.name)
      .where(u('occurredAt'), '>', since)
      .andWhere(u('occurredAt'), '<=', now)
      .whereNotNull(u('providerId'));
  const [totals, latencies] = await Promise.all([
    recent()
      .whereRaw(callsOnly(u))
      .select(
        knex.raw(
          `${u('providerId')} AS p, COUNT(*) AS c, SUM(CASE WHEN ${u('success')} OR ${u('errorCode')} = 'aborted' THEN 0 ELSE 1 END) AS f`
        )
      )
      .groupBy(u('providerId')),
    recent()
      .where(u('success'), true)
      .select(knex.raw(`${u('providerId')} AS p, ${u('latencyMs')} AS v, COUNT(*) AS c`))
      .groupBy(u('providerId'), u('latencyMs')),
  ]);
  const counts = new Map<number, Map<number, number>>();
  for (const row of latencies as Array<Record<string, unknown>>) {
    const provider = Number(row.p);
    const byValue = counts.get(provider) ?? new Map<number, number>();
    counts.set(provider, byValue.set(Number(row.v), Number(row.c)));
  }
  const out = new Map<number, LastHour>();
  for (const row of totals as Array<Record<string, unknown>>) {
    const provider = Number(row.p);
    const latency = counts.get(provider);
    out.set(provider, {
      calls: Number(row.c),
      failures: Number(row.f),
      p95LatencyMs: latency ? percentiles(latency).p95Ms : null,
    });
  }
  return out;
}
