import type { Core } from '@strapi/strapi';
import type { EntryRef } from '../../../shared/contracts/entries';
import type { ReadableSelection } from '../entries/access';
import { attributesOf, contentTypeOf } from '../entries/content-type';
import { createEstimator } from '../entries/estimate';
import { entryVariables } from '../entries/fields';
import { createEntryUsage } from '../entries/usage';
import type { ResolvedTarget } from '../gateway/types';
import { getService } from '../utils/get-service';

export { MAX_ESTIMATE_ENTRIES, type EstimateInput } from '../entries/estimate';

/**
 * `strapi.plugin('llm').service('entries')`: AI cost tied to content — what one entry's calls cost
 * (its side panel), its fields as task variables, and the cost of a task over many entries before
 * anything runs. The logic lives in `entries/`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  usage: createEntryUsage(strapi),

  estimate: createEstimator(strapi, {
    target: async (taskId) =>
      (await getService(strapi, 'llm').target({ task: taskId })) as ResolvedTarget,
    budgetsOf: (userId) => getService(strapi, 'budget').exactForUser(userId),
  }),

  /**
   * An entry's fields as task variables; null when it does not exist. `visible` gives the entry as
   * the caller may see it: a field they may not read never reaches a prompt (or its answer).
   */
  async variables(
    entry: EntryRef,
    visible: ReadableSelection['visible']
  ): Promise<Record<string, string> | null> {
    const contentType = contentTypeOf(strapi, entry.uid);
    const document = await strapi.documents(entry.uid as 'plugin::llm.task').findOne({
      documentId: entry.documentId,
      populate: ['createdBy'],
      ...(entry.locale ? { locale: entry.locale } : {}),
    });
    const seen = document ? await visible(document as Record<string, unknown>) : null;
    return seen ? entryVariables(seen, attributesOf(contentType)) : null;
  },
});
