import type { Core } from '@strapi/strapi';
import type { UserRow } from '../../../shared/contracts/analytics';
import { UID } from '../content-types/schemas';
import type { Dimension, Group } from './aggregate';
import { apiTokenNames } from './filter-labels';
import type { createLookups } from './lookups';
import { used } from './sums';

/** The monthly cost budget bars, as the budget service computes them from its counters. */
export type MonthlyBars = (
  users: Array<{ id: number; roleIds: number[] }>
) => Promise<Map<number, NonNullable<UserRow['budget']>>>;

type GroupLists = Record<
  | 'byUser'
  | 'byProvider'
  | 'byBucketModel'
  | 'byUserModel'
  | 'byTask'
  | 'byConfiguration'
  | 'byApiToken',
  Group[]
>;

/**
 * Labels, users and budget bars of a document, in one round of parallel lookups; a deleted record
 * keeps its id as its name. API tokens are named by their name only (their key is never read).
 */
export async function labelsFor(
  strapi: Core.Strapi,
  lookups: ReturnType<typeof createLookups>,
  monthlyBars: MonthlyBars,
  groups: GroupLists,
  scope: { userId?: number }
) {
  const userIds = groups.byUser
    .filter((g) => used(g.sums) && Number(g.userId) > 0)
    .map((g) => Number(g.userId));
  const ids = (list: Group[], member: Dimension) => list.map((g) => Number(g[member]));
  const [providers, models, tasks, configurations, apiTokens, admins] = await Promise.all([
    lookups.names(UID.provider, ids(groups.byProvider, 'providerId'), 'name'),
    lookups.names(
      UID.model,
      ids([...groups.byBucketModel, ...groups.byUserModel], 'modelId'),
      'displayName'
    ),
    lookups.names(UID.task, ids(groups.byTask, 'taskId'), 'name'),
    lookups.names(UID.configuration, ids(groups.byConfiguration, 'configurationId'), 'name'),
    apiTokenNames(strapi, ids(groups.byApiToken, 'apiTokenId')),
    lookups.admins(userIds),
  ]);
  // Budget bars come from the budget counters, as on the Budgets page: never from a second count.
  const bars =
    scope.userId === undefined
      ? await monthlyBars(
          userIds.map((id) => ({
            id,
            roleIds: (admins.find((a) => a.id === id)?.roles ?? []).map((r) => r.id),
          }))
        )
      : new Map();
  const label = (names: Map<number, string>, none: string, kind: string) => (id: string) =>
    Number(id) === 0 ? none : (names.get(Number(id)) ?? `${kind} #${id}`);
  return {
    userIds,
    admins,
    bars,
    providerLabel: label(providers, '(none)', 'provider'),
    modelLabel: label(models, '(none)', 'model'),
    taskLabel: label(tasks, '(no task)', 'task'),
    configurationLabel: label(configurations, '(no configuration)', 'configuration'),
    apiTokenLabel: label(apiTokens, '(no API token)', 'API token'),
  };
}
