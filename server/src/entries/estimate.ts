import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import type { BudgetHeadroom, TaskEstimate } from '../../../shared/contracts/entries';
import { isTokenPriced, UNIT_KIND, type ServiceType } from '../../../shared/services';
import { formatAmount, valueOf, type ExactBudgetUse } from '../budgets/use';
import { sumAsText } from '../db/sql';
import { dialectOf, knexOf, tableOf } from '../db/tables';
import { LlmError } from '../gateway/errors';
import { defaultMaxOutputTokens } from '../gateway/language-model';
import { countTokens } from '../gateway/quantities';
import { declaredVariables, renderTemplate } from '../gateway/template';
import type { ResolvedTarget } from '../gateway/types';
import { ZERO_QUANTITIES, type MeteredQuantities } from '../pricing/cost';
import { formatNanoUsd } from '../pricing/money';
import { priceCall } from '../pricing/price-sheet';
import type { ReadableSelection } from './access';
import { attributesOf, contentTypeOf, isLocalized, type ContentType } from './content-type';
import { entryVariables } from './fields';
import { entryLabel, mainFieldOf } from './label';

/** How many entries one estimate may cover. */
export const MAX_ESTIMATE_ENTRIES = 1000;

export interface EstimateInput {
  contentType: string;
  /** The entries to estimate, narrowed to what the caller may read (entries/access.ts). */
  selection: ReadableSelection;
  locales?: string[];
}

type Document = Record<string, unknown>;

export interface EstimateDeps {
  target: (taskId: number) => Promise<ResolvedTarget>;
  /** The caller's budgets with exact use and limits (services/budget `exactForUser`). */
  budgetsOf: (userId: number) => Promise<ExactBudgetUse[]>;
}

/** What one call for this prompt may use at most: tokens for token-priced services, else units. */
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

const addQuantities = (a: MeteredQuantities, b: MeteredQuantities): MeteredQuantities => ({
  ...a,
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  images: a.images + b.images,
  characters: a.characters + b.characters,
});

/** Each budget window's room against what the whole job may take at worst. */
export function headroom(
  budgets: ExactBudgetUse[],
  needed: { cost: bigint; tokens: bigint; requests: bigint }
): BudgetHeadroom[] {
  const limits: BudgetHeadroom[] = [];
  for (const budget of budgets) {
    for (const { limits: window, use } of budget.windows) {
      for (const metric of ['cost', 'tokens', 'requests'] as const) {
        const limit = window[metric];
        if (limit === null) continue;
        const room = limit - valueOf(use, metric);
        const left = room > 0n ? room : 0n;
        limits.push({
          budgetName: budget.name,
          window: window.window,
          metric,
          remaining: formatAmount(metric, left),
          needed: formatAmount(metric, needed[metric]),
          enough: needed[metric] <= left,
        });
      }
    }
  }
  return limits;
}

/**
 * What running a task over many entries would cost, before anything runs: each prompt is rendered
 * from the entry's own readable fields and its tokens counted; the output is the configured cap
 * (worst case) and the task's average so far (expected).
 */
export function createEstimator(strapi: Core.Strapi, deps: EstimateDeps) {
  const knex = knexOf(strapi);
  const usage = tableOf(strapi, UID.usage);
  const asText = sumAsText(dialectOf(strapi));

  /** The selected entries the caller may read, as they may see them, in each locale asked for. */
  async function readableDocuments(contentType: ContentType, input: EstimateInput) {
    const locales: Array<string | undefined> =
      isLocalized(contentType) && input.locales?.length ? input.locales : [undefined];
    const documents: Document[] = [];
    for (const locale of locales) {
      const found = (await strapi.documents(input.contentType as typeof UID.task).findMany({
        filters: input.selection.filters as Record<string, never>,
        populate: ['createdBy'],
        ...(locale ? { locale } : {}),
        limit: MAX_ESTIMATE_ENTRIES + 1,
      })) as Document[];
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
    return documents;
  }

  /** Each entry's prompt, rendered and counted; and the sum of their worst cases. */
  function perEntryQuantities(
    target: ResolvedTarget,
    contentType: ContentType,
    documents: Document[],
    mainField: string | null
  ) {
    const task = target.task!;
    const maxOutput = defaultMaxOutputTokens(target);
    const system = target.configuration?.systemPrompt ?? '';
    const declared = declaredVariables(task.variables);
    let worst = { ...ZERO_QUANTITIES };
    const perEntry: Array<TaskEstimate['perEntry'][number] & { quantities: MeteredQuantities }> =
      [];
    for (const document of documents) {
      const variables = entryVariables(document, attributesOf(contentType));
      let prompt: string;
      try {
        prompt = renderTemplate(task.promptTemplate, variables, declared);
      } catch (error) {
        throw new LlmError(
          'invalid_request',
          `Entry ${entryLabel(document, mainField)}: ${(error as Error).message}`
        );
      }
      const quantities = quantitiesFor(target, system ? `${system}\n${prompt}` : prompt, maxOutput);
      perEntry.push({
        documentId: String(document.documentId),
        locale: (document.locale as string | undefined) ?? null,
        label: entryLabel(document, mainField),
        inputTokens: quantities.inputTokens,
        costUsd: null,
        quantities,
      });
      worst = addQuantities(worst, quantities);
    }
    return { worst, perEntry };
  }

  /** The task's average output per successful call so far; null without history. */
  async function outputPerCall(taskId: number): Promise<number | null> {
    const [history] = await knex(usage.name)
      .where(usage.column('taskId'), taskId)
      .andWhere(usage.column('success'), true)
      .select(
        knex.raw(
          `${asText(`SUM(${usage.column('outputTokens')})`)} AS output, ${asText('COUNT(*)')} AS n`
        )
      );
    const calls = Number(history?.n ?? 0);
    return calls > 0 ? Math.round(Number(history.output ?? 0) / calls) : null;
  }

  return async function estimate(
    taskId: number,
    input: EstimateInput,
    userId: number | null,
    at = new Date()
  ): Promise<TaskEstimate> {
    const contentType = contentTypeOf(strapi, input.contentType);
    const target = await deps.target(taskId);
    const task = target.task!;
    const documents = await readableDocuments(contentType, input);
    const mainField = await mainFieldOf(strapi, input.contentType);
    const { worst, perEntry } = perEntryQuantities(target, contentType, documents, mainField);
    const calls = perEntry.length;

    const perCall = await outputPerCall(task.id);
    const expected =
      perCall === null || worst.outputTokens === 0
        ? null
        : { ...worst, outputTokens: perCall * calls };
    const price = (quantities: MeteredQuantities) =>
      calls === 0 ? 0n : priceCall(target.model, target.provider.adapter, quantities, at).costNano;
    const worstCost = price(worst);
    const expectedCost = expected ? price(expected) : null;

    const limits =
      userId === null
        ? []
        : headroom(await deps.budgetsOf(userId), {
            cost: worstCost ?? 0n,
            tokens: BigInt(worst.inputTokens + worst.outputTokens),
            requests: BigInt(calls),
          });
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
      perEntry: perEntry.map(({ quantities, ...entry }) => {
        const cost = price(quantities);
        return { ...entry, costUsd: cost === null ? null : formatNanoUsd(cost) };
      }),
    };
  };
}
