import type { Core } from '@strapi/strapi';
import type { AlertKind, AlertLogEntry } from '../../../shared/contracts/alerts';
import { UID } from '../content-types/schemas';

/**
 * Claims an alert in the log: true when this caller recorded (kind, key) first and so must send it;
 * false when the unique (kind, alert_key) index says another evaluation or instance already did.
 * Any other failure is thrown: an alert nobody can record is not sent blind.
 */
export async function claimAlert(
  strapi: Core.Strapi,
  entry: { kind: AlertKind; key: string; at: Date; payload: unknown }
): Promise<boolean> {
  const log = strapi.db.query(UID.alertLog);
  try {
    await log.create({
      data: { kind: entry.kind, alertKey: entry.key, firedAt: entry.at, payload: entry.payload },
    });
    return true;
  } catch (error) {
    const existing = await log.findOne({ where: { kind: entry.kind, alertKey: entry.key } });
    if (existing) return false;
    throw error;
  }
}

/** The alerts logged from `since` (inclusive) to `until` (exclusive), oldest first. */
export async function alertsBetween(
  strapi: Core.Strapi,
  since: Date,
  until: Date,
  kinds: AlertKind[]
): Promise<AlertLogEntry[]> {
  const rows = (await strapi.db.query(UID.alertLog).findMany({
    where: { firedAt: { $gte: since, $lt: until }, kind: { $in: kinds } },
    orderBy: [{ firedAt: 'asc' }, { id: 'asc' }],
  })) as Array<{ kind: AlertKind; alertKey: string; firedAt: string | Date; payload: unknown }>;
  return rows.map((r) => ({
    kind: r.kind,
    key: r.alertKey,
    firedAt: new Date(r.firedAt).toISOString(),
    payload: r.payload,
  }));
}
