import type { Core } from '@strapi/strapi';
import type { OverviewAlert, OverviewProviderHealth } from '../../../shared/contracts/overview';
import { counterTable } from '../budgets/counter-table';
import { thresholdsOf, type BudgetRecord, type BudgetWindow } from '../budgets/limits';
import { UID } from '../content-types/schemas';
import { REFUSED_CODES } from '../usage/metrics';
import { adminName, type NamedAdmin } from '../utils/admin-user';
import { getService } from '../utils/get-service';
import { lastHourByProvider } from './last-hour';

type Row = { occurredAt: string | Date; errorCode?: string | null } | null;

const iso = (row: Row) => (row ? new Date(row.occurredAt).toISOString() : null);

/**
 * Each provider's last successful and last failed request, from the raw usage rows (a refusal by a
 * control never reached the provider, so it is no failure of it), and its last hour (calls,
 * failures, p95 latency: last-hour.ts). Two look-ups per provider, each answered by the
 * (provider_id, success, occurred_at) index of the usage table.
 */
export async function providerHealth(
  strapi: Core.Strapi,
  now: Date
): Promise<OverviewProviderHealth[]> {
  const providers = (await strapi.db
    .query(UID.provider)
    .findMany({ select: ['id', 'name'], orderBy: { name: 'asc' } })) as Array<{
    id: number;
    name: string;
  }>;
  const latest = (where: Record<string, unknown>) =>
    strapi.db.query(UID.usage).findOne({
      where,
      select: ['occurredAt', 'errorCode'],
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    }) as Promise<Row>;
  const lastHour = await lastHourByProvider(strapi, now);
  return Promise.all(
    providers.map(async ({ id, name }) => {
      const [success, failure] = await Promise.all([
        latest({ providerId: id, success: true }),
        latest({
          providerId: id,
          success: false,
          // Neither a control's refusal nor a caller's abort is a failure of the provider.
          $or: [
            { errorCode: { $null: true } },
            { errorCode: { $notIn: [...REFUSED_CODES, 'aborted'] } },
          ],
        }),
      ]);
      return {
        id,
        name,
        lastSuccessAt: iso(success),
        lastFailureAt: iso(failure),
        lastErrorCode: failure?.errorCode ?? null,
        lastHour: lastHour.get(id) ?? { calls: 0, failures: 0, p95LatencyMs: null },
        circuit: await getService(strapi, 'llm').circuitState(id),
      };
    })
  );
}

/**
 * The alert thresholds budgets reached this month. Each counter row keeps the highest threshold
 * fired in its current month and current day (budgets/threshold-alerts.ts claims them there), so
 * this is every monthly alert of the month and today's daily alerts.
 */
export async function alertsThisMonth(
  strapi: Core.Strapi,
  period: Record<BudgetWindow, string>
): Promise<OverviewAlert[]> {
  const table = counterTable(strapi);
  const { columns: c } = table;
  const rows = (await table
    .knex(table.name)
    .where((q) => q.where(c.month.key, period.month).andWhere(c.month.alerted, '>', 0))
    .orWhere((q) => q.where(c.day.key, period.day).andWhere(c.day.alerted, '>', 0))) as Array<
    Record<string, unknown>
  >;
  if (rows.length === 0) return [];
  const budgetIds = [...new Set(rows.map((r) => Number(r[table.budgetId])))];
  const userIds = [...new Set(rows.map((r) => Number(r[table.subjectId])).filter((id) => id > 0))];
  const [budgets, users] = await Promise.all([
    strapi.db.query(UID.budget).findMany({ where: { id: { $in: budgetIds } } }) as Promise<
      BudgetRecord[]
    >,
    strapi.db.query('admin::user').findMany({
      where: { id: { $in: userIds } },
      select: ['id', 'firstname', 'lastname', 'email'],
    }) as Promise<Array<NamedAdmin & { id: number }>>,
  ]);
  const budgetById = new Map(budgets.map((b) => [b.id, b]));
  const userById = new Map(users.map((u) => [u.id, adminName(u)]));
  const alerts: OverviewAlert[] = [];
  for (const row of rows) {
    const budget = budgetById.get(Number(row[table.budgetId]));
    if (!budget) continue;
    // An API-token budget's subject is the token, not a user.
    const subjectId = budget.scope === 'apiToken' ? 0 : Number(row[table.subjectId]);
    for (const window of ['month', 'day'] as const) {
      if (row[c[window].key] !== period[window]) continue;
      const alerted = Number(row[c[window].alerted]);
      for (const threshold of thresholdsOf(budget).filter((t) => t <= alerted))
        alerts.push({
          budgetId: budget.id,
          budgetName: budget.name,
          scope: budget.scope,
          userId: subjectId > 0 ? subjectId : null,
          userName: subjectId > 0 ? (userById.get(subjectId) ?? `#${subjectId}`) : null,
          window,
          windowKey: period[window],
          threshold,
        });
    }
  }
  return alerts.sort(
    (a, b) => b.threshold - a.threshold || a.budgetName.localeCompare(b.budgetName)
  );
}
