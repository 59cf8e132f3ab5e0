import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UID } from '../../../content-types';
import type {
  BudgetHeadroom,
  EntryRef,
  EntryUsage,
  TaskEstimate,
} from '../../../shared/contracts/entries';
import type { UsageFigures } from '../../../shared/contracts/usage-columns';
import { isTokenPriced, UNIT_KIND, type ServiceType } from '../../../shared/services';
import { sumAsText } from '../analytics/aggregate';
import type { ReadableSelection } from '../entries/access';
import { entryVariables } from '../entries/fields';
import { LlmError } from '../gateway/errors';
import { defaultMaxOutputTokens } from '../gateway/language-model';
import { countTokens } from '../gateway/quantities';
import { declaredVariables, renderTemplate } from '../gateway/template';
import type { ResolvedTarget } from '../gateway/types';
import { ZERO_QUANTITIES } from '../pricing/cost';
import { formatFemtoUsd, formatNanoUsd, parseUsd, toFemto } from '../pricing/money';
import { BLOCKED } from '../usage/rollups';
import { priceCall } from '../pricing/price-sheet';

/** How many entries one estimate may cover. */
export const MAX_ESTIMATE_ENTRIES = 1000;
const RECENT_CALLS = 10;

export interface EstimateInput {
  contentType: string;
  /** The entries to estimate, narrowed to what the caller may read (entries/access.ts). */
  selection: ReadableSelection;
  locales?: string[];
}

/**
 * `strapi.plugin('llm').service('entries')`: AI cost tied to content — what one entry's calls cost
 * (its side panel), its fields as task variables, and the cost of a task over many entries before
 * anything runs.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = strapi.db.connection as unknown as Knex;
  const dialect = strapi.db.dialect.client;
  const usage = strapi.db.metadata.get(UID.usage);
  const col = (attribute: string) =>
    (usage.attributes[attribute] as { columnName: string }).columnName;
  const asText = sumAsText(dialect);
  const FIGURES = [
    `${asText('COUNT(*)')} AS requests`,
    `${asText(`SUM(COALESCE(${col('costNano')}, 0))`)} AS cost`,
    `${asText(`SUM(COALESCE(${col('costRemainderFemto')}, 0))`)} AS remainder`,
    `${asText(`SUM(${col('inputTokens')} + ${col('outputTokens')})`)} AS tokens`,
    `${asText(`SUM(CASE WHEN ${col('success')} AND ${col('costNano')} IS NULL THEN 1 ELSE 0 END)`)} AS unpriced`,
  ].join(', ');
  const figuresOf = (row: Record<string, string | null>): UsageFigures => ({
    requests: Number(row.requests ?? 0),
    costUsd: formatFemtoUsd(toFemto(BigInt(row.cost ?? '0'), BigInt(row.remainder ?? '0'))),
    tokens: Number(row.tokens ?? 0),
    unpricedRequests: Number(row.unpriced ?? 0),
  });

  /** The entry's calls that reached a provider (an attempt a budget refused is no call). */
  const callsOf = (uid: string, documentId: string) =>
    knex(usage.tableName)
      .where(col('entryUid'), uid)
      .andWhere(col('entryDocumentId'), documentId)
      .andWhere((q) => q.whereNull(col('errorCode')).orWhereNot(col('errorCode'), BLOCKED));

  async function labels(uid: string, ids: Array<number | null>, field: string) {
    const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number' && id > 0))];
    if (wanted.length === 0) return new Map<number, string>();
    const rows = (await strapi.db
      .query(uid as any)
      .findMany({ where: { id: { $in: wanted } } })) as Array<Record<string, any>>;
    return new Map(rows.map((row) => [row.id as number, String(row[field] ?? row.id)]));
  }

  function contentTypeOf(uid: string) {
    const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
    if (!contentType || uid.startsWith('plugin::llm.') || uid.startsWith('admin::'))
      throw new LlmError('invalid_request', `Unknown content type "${uid}"`);
    return contentType;
  }

  function quantitiesFor(target: ResolvedTarget, prompt: string, outputTokens: number) {
    const service = (target.task?.service ?? 'chat') as ServiceType;
    const unitKind = UNIT_KIND[service];
    if (isTokenPriced(service, target.provider.adapter))
      return {
        ...ZERO_QUANTITIES,
        inputTokens: countTokens(prompt),
        outputTokens: service === 'embedding' ? 0 : outputTokens,
      };
    return {
      ...ZERO_QUANTITIES,
      images: unitKind === 'images' ? 1 : 0,
      characters: unitKind === 'characters' ? prompt.length : 0,
    };
  }

  return {
    async usage(uid: string, documentId: string): Promise<EntryUsage | null> {
      const [total] = await callsOf(uid, documentId).select(knex.raw(FIGURES));
      if (!total || Number(total.requests) === 0) return null;
      const [byLocale, byTask, recent] = await Promise.all([
        callsOf(uid, documentId)
          .select(knex.raw(`${col('entryLocale')} AS locale, ${FIGURES}`))
          .groupBy(col('entryLocale')),
        callsOf(uid, documentId)
          .select(knex.raw(`${col('taskId')} AS task, ${FIGURES}`))
          .groupBy(col('taskId')),
        callsOf(uid, documentId).select('*').orderBy(col('occurredAt'), 'desc').limit(RECENT_CALLS),
      ]);
      const [tasks, models] = await Promise.all([
        labels(
          UID.task,
          [...byTask.map((r: any) => r.task), ...recent.map((r: any) => r[col('taskId')])],
          'name'
        ),
        labels(
          UID.model,
          recent.map((r: any) => r[col('modelId')]),
          'displayName'
        ),
      ]);
      const userIds = [
        ...new Set(
          recent
            .map((r: any) => r[col('userId')])
            .filter((id: unknown): id is number => typeof id === 'number')
        ),
      ];
      const users = userIds.length
        ? ((await strapi.db
            .query('admin::user')
            .findMany({ where: { id: { $in: userIds } } })) as any[])
        : [];
      const userName = (id: number | null) => {
        if (id === null) return 'system';
        const user = users.find((u) => u.id === id);
        return user
          ? [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email
          : `user #${id}`;
      };
      const byCost = (a: UsageFigures, b: UsageFigures) =>
        Number(b.costUsd) - Number(a.costUsd) || b.requests - a.requests;
      return {
        total: figuresOf(total),
        byLocale: byLocale
          .map((r: any) => ({ locale: r.locale ?? null, ...figuresOf(r) }))
          .sort(byCost),
        byTask: byTask
          .map((r: any) => ({
            taskId: r.task ?? null,
            task: r.task ? (tasks.get(Number(r.task)) ?? `task #${r.task}`) : '(no task)',
            ...figuresOf(r),
          }))
          .sort(byCost),
        recent: recent.map((r: any) => ({
          requestId: r[col('requestId')],
          occurredAt: new Date(r[col('occurredAt')]).toISOString(),
          user: userName(r[col('userId')] ?? null),
          model: models.get(r[col('modelId')]) ?? r[col('modelKey')] ?? '(none)',
          task: r[col('taskId')]
            ? (tasks.get(r[col('taskId')]) ?? `task #${r[col('taskId')]}`)
            : null,
          service: r[col('service')],
          locale: r[col('entryLocale')] ?? null,
          costUsd:
            r[col('costNano')] === null
              ? null
              : formatFemtoUsd(
                  toFemto(BigInt(r[col('costNano')]), r[col('costRemainderFemto')] ?? 0)
                ),
          success: Boolean(r[col('success')]),
        })),
      };
    },

    /**
     * An entry's fields as task variables; null when it does not exist. `visible` gives the entry as
     * the caller may see it: a field they may not read never reaches a prompt (or its answer).
     */
    async variables(
      entry: EntryRef,
      visible: ReadableSelection['visible']
    ): Promise<Record<string, string> | null> {
      const contentType = contentTypeOf(entry.uid);
      const document = await strapi.documents(entry.uid as any).findOne({
        documentId: entry.documentId,
        populate: ['createdBy'],
        ...(entry.locale ? { locale: entry.locale } : {}),
      });
      const seen = document ? await visible(document as Record<string, unknown>) : null;
      return seen
        ? entryVariables(seen, contentType.attributes as Record<string, { type?: string }>)
        : null;
    },

    async estimate(
      taskId: number,
      input: EstimateInput,
      userId: number | null,
      at = new Date()
    ): Promise<TaskEstimate> {
      const contentType = contentTypeOf(input.contentType);
      const target = (await strapi
        .plugin('llm')
        .service('llm')
        .target({ task: taskId })) as ResolvedTarget;
      const task = target.task!;
      const localized = Boolean(
        (contentType.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n
          ?.localized
      );
      const locales: Array<string | undefined> =
        localized && input.locales?.length ? input.locales : [undefined];

      const documents: Array<Record<string, unknown>> = [];
      for (const locale of locales) {
        const found = (await strapi.documents(input.contentType as any).findMany({
          filters: input.selection.filters as any,
          populate: ['createdBy'],
          ...(locale ? { locale } : {}),
          limit: MAX_ESTIMATE_ENTRIES + 1,
        })) as Array<Record<string, unknown>>;
        // The filters carry the caller's conditions already; each entry is checked again, and only its readable fields are used.
        for (const document of found) {
          const seen = await input.selection.visible(document);
          if (seen) documents.push(seen);
        }
      }
      if (documents.length > MAX_ESTIMATE_ENTRIES)
        throw new LlmError(
          'invalid_request',
          `An estimate covers at most ${MAX_ESTIMATE_ENTRIES} entries; narrow the selection`
        );

      const maxOutput = defaultMaxOutputTokens(target);
      const system = target.configuration?.systemPrompt ?? '';
      const declared = declaredVariables(task.variables);
      let worst = { ...ZERO_QUANTITIES };
      const perEntry: TaskEstimate['perEntry'] = [];
      for (const document of documents) {
        const variables = entryVariables(
          document,
          contentType.attributes as Record<string, { type?: string }>
        );
        let prompt: string;
        try {
          prompt = renderTemplate(task.promptTemplate, variables, declared);
        } catch (error) {
          throw new LlmError(
            'invalid_request',
            `Entry ${String(document.documentId)}: ${(error as Error).message}`
          );
        }
        const q = quantitiesFor(target, system ? `${system}\n${prompt}` : prompt, maxOutput);
        perEntry.push({
          documentId: String(document.documentId),
          locale: (document.locale as string | undefined) ?? null,
          inputTokens: q.inputTokens,
        });
        worst = {
          ...worst,
          inputTokens: worst.inputTokens + q.inputTokens,
          outputTokens: worst.outputTokens + q.outputTokens,
          images: worst.images + q.images,
          characters: worst.characters + q.characters,
        };
      }
      const calls = perEntry.length;

      // What the task produced so far, per successful call: the expected output of this job.
      const [history] = await knex(usage.tableName)
        .where(col('taskId'), task.id)
        .andWhere(col('success'), true)
        .select(
          knex.raw(`${asText(`SUM(${col('outputTokens')})`)} AS output, ${asText('COUNT(*)')} AS n`)
        );
      const historyCalls = Number(history?.n ?? 0);
      const perCall =
        historyCalls > 0 ? Math.round(Number(history.output ?? 0) / historyCalls) : null;
      const expected =
        perCall === null || worst.outputTokens === 0
          ? null
          : { ...worst, outputTokens: perCall * calls };

      const price = (quantities: typeof worst) =>
        calls === 0
          ? 0n
          : priceCall(target.model, target.provider.adapter, quantities, at).costNano;
      const worstCost = price(worst);
      const expectedCost = expected ? price(expected) : null;

      const limits: BudgetHeadroom[] = [];
      if (userId !== null) {
        const needed = {
          cost: worstCost ?? 0n,
          tokens: BigInt(worst.inputTokens + worst.outputTokens),
          requests: BigInt(calls),
        };
        for (const budget of await strapi.plugin('llm').service('budget').forUser(userId)) {
          for (const window of budget.windows) {
            for (const metric of ['cost', 'tokens', 'requests'] as const) {
              const { used, limit } = window[metric];
              if (limit === null) continue;
              const remaining =
                metric === 'cost'
                  ? parseUsd(limit)! - parseUsd(used)!
                  : BigInt(limit) - BigInt(used);
              const left = remaining > 0n ? remaining : 0n;
              limits.push({
                budgetName: budget.name,
                window: window.window,
                metric,
                remaining: metric === 'cost' ? formatNanoUsd(left) : left.toString(),
                needed: metric === 'cost' ? formatNanoUsd(needed.cost) : needed[metric].toString(),
                enough: needed[metric] <= left,
              });
            }
          }
        }
      }

      return {
        task: { id: task.id, name: task.name, service: task.service },
        model: target.model.displayName ?? target.model.modelId,
        entries: documents.length,
        calls,
        inputTokens: worst.inputTokens,
        maxOutputTokens: worst.outputTokens,
        expectedOutputTokens: expected ? expected.outputTokens : null,
        costUsd: worstCost === null ? null : formatNanoUsd(worstCost),
        expectedCostUsd:
          expectedCost === null || expectedCost === undefined ? null : formatNanoUsd(expectedCost),
        budget: { allowed: limits.every((l) => l.enough), limits },
        perEntry,
      };
    },
  };
};
