import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import type { EntryUsage } from '../../../shared/contracts/entries';
import type { UsageFigures, UsageUnitKind } from '../../../shared/contracts/usage-columns';
import { sumAsText } from '../db/sql';
import { dialectOf, knexOf, tableOf } from '../db/tables';
import { formatFemtoUsd, toFemto } from '../pricing/money';
import { adminName, type NamedAdmin } from '../utils/admin-user';
import { callsOnly, eventMetricSql } from '../usage/metrics';

const RECENT_CALLS = 10;

type Row = Record<string, unknown>;

/** What an entry's calls cost: its side panel in the Content Manager. */
export function createEntryUsage(strapi: Core.Strapi) {
  const knex = knexOf(strapi);
  const usage = tableOf(strapi, UID.usage);
  const col = usage.column;
  const asText = sumAsText(dialectOf(strapi));
  const metric = eventMetricSql(col);
  const FIGURES = [
    `${asText(metric.requests)} AS requests`,
    `${asText(metric.costNano)} AS cost`,
    `${asText(metric.costRemainderFemto)} AS remainder`,
    `${asText(metric.inputTokens)} AS input`,
    `${asText(metric.outputTokens)} AS output`,
    `${asText(metric.unpricedRequests)} AS unpriced`,
    `${asText(metric.units)} AS units`,
    // One unit kind (images, characters, seconds) when min = max; mixed or none otherwise.
    `MIN(${col('unitKind')}) AS unit_min, MAX(${col('unitKind')}) AS unit_max`,
  ].join(', ');
  const figuresOf = (row: Row): UsageFigures => ({
    requests: Number(row.requests ?? 0),
    costUsd: formatFemtoUsd(
      toFemto(BigInt(String(row.cost ?? 0)), BigInt(String(row.remainder ?? 0)))
    ),
    tokens: Number(row.input ?? 0) + Number(row.output ?? 0),
    unpricedRequests: Number(row.unpriced ?? 0),
    units: Number(row.units ?? 0),
    unitKind:
      row.unit_min === row.unit_max ? ((row.unit_min as UsageUnitKind | null) ?? null) : null,
  });

  /** The entry's calls that reached a provider (an attempt a budget refused is no call). */
  const callsOf = (uid: string, documentId: string) =>
    knex(usage.name)
      .where(col('entryUid'), uid)
      .andWhere(col('entryDocumentId'), documentId)
      .andWhereRaw(callsOnly(col));

  /** Display names of records by id (tasks, models), for the ids given. */
  async function labels(uid: string, ids: unknown[], field: string) {
    const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number' && id > 0))];
    if (wanted.length === 0) return new Map<number, string>();
    const rows = (await strapi.db
      .query(uid as typeof UID.task)
      .findMany({ where: { id: { $in: wanted } } })) as Row[];
    return new Map(rows.map((row) => [row.id as number, String(row[field] ?? row.id)]));
  }

  async function userNames(ids: unknown[]) {
    const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
    const users = wanted.length
      ? ((await strapi.db
          .query('admin::user')
          .findMany({ where: { id: { $in: wanted } } })) as Row[])
      : [];
    return (id: number | null) => {
      if (id === null) return 'system';
      const user = users.find((u) => u.id === id);
      return user ? adminName(user as NamedAdmin) : `user #${id}`;
    };
  }

  const byCost = (a: UsageFigures, b: UsageFigures) =>
    Number(b.costUsd) - Number(a.costUsd) || b.requests - a.requests;

  /** The entry's last calls as the side panel lists them, named with the task names already looked up. */
  async function recentCalls(
    recent: Row[],
    tasks: Map<number, string>
  ): Promise<EntryUsage['recent']> {
    const [models, userName] = await Promise.all([
      labels(
        UID.model,
        recent.map((row) => row[col('modelId')]),
        'displayName'
      ),
      userNames(recent.map((row) => row[col('userId')])),
    ]);
    return recent.map((row) => {
      const costNano = row[col('costNano')];
      const task = row[col('taskId')] as number | null;
      return {
        requestId: String(row[col('requestId')]),
        attemptOf: (row[col('attemptOf')] as string | null) ?? null,
        occurredAt: new Date(row[col('occurredAt')] as string).toISOString(),
        user: userName((row[col('userId')] as number | null) ?? null),
        model:
          models.get(row[col('modelId')] as number) ??
          (row[col('modelKey')] as string | null) ??
          '(none)',
        task: task ? (tasks.get(task) ?? `task #${task}`) : null,
        service: String(row[col('service')]),
        locale: (row[col('entryLocale')] as string | null) ?? null,
        costUsd:
          costNano === null
            ? null
            : formatFemtoUsd(
                toFemto(BigInt(costNano as string), (row[col('costRemainderFemto')] as number) ?? 0)
              ),
        success: Boolean(row[col('success')]),
        units: Number(row[col('units')] ?? 0),
        unitKind: (row[col('unitKind')] as UsageUnitKind | null) ?? null,
        errorCode: (row[col('errorCode')] as string | null) ?? null,
        errorMessage: (row[col('errorMessage')] as string | null) ?? null,
      };
    });
  }

  async function entryUsage(uid: string, documentId: string): Promise<EntryUsage | null> {
    const [total] = await callsOf(uid, documentId).select(knex.raw(FIGURES));
    if (!total || Number(total.requests) === 0) return null;
    const [byLocale, byTask, recent] = await Promise.all([
      callsOf(uid, documentId)
        .select(knex.raw(`${col('entryLocale')} AS locale, ${FIGURES}`))
        .groupBy(col('entryLocale')) as Promise<Row[]>,
      callsOf(uid, documentId)
        .select(knex.raw(`${col('taskId')} AS task, ${FIGURES}`))
        .groupBy(col('taskId')) as Promise<Row[]>,
      callsOf(uid, documentId)
        .select('*')
        .orderBy(col('occurredAt'), 'desc')
        .limit(RECENT_CALLS) as Promise<Row[]>,
    ]);
    // One lookup of task names for both the by-task figures and the last calls.
    const tasks = await labels(
      UID.task,
      [...byTask.map((row) => row.task), ...recent.map((row) => row[col('taskId')])],
      'name'
    );
    return {
      total: figuresOf(total),
      byLocale: byLocale
        .map((row) => ({ locale: (row.locale as string | null) ?? null, ...figuresOf(row) }))
        .sort(byCost),
      byTask: byTask
        .map((row) => {
          const task = row.task ? Number(row.task) : null;
          return {
            taskId: task,
            task: task ? (tasks.get(task) ?? `task #${task}`) : '(no task)',
            ...figuresOf(row),
          };
        })
        .sort(byCost),
      recent: await recentCalls(recent, tasks),
    };
  }

  return entryUsage;
}
