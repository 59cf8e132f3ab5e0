import { adminApi } from '@strapi/strapi/admin';
import {
  searchParamsToQuery,
  toSearchParams,
  type Filters,
  type PeriodQuery,
} from '../../../shared/analytics-query';
import type {
  AnalyticsDocument,
  GetAnalytics,
  GetMyAnalytics,
} from '../../../shared/contracts/analytics';
import { PLUGIN_ID } from '../pluginId';

/** "all": the admin Analytics page; "me": the signed-in user's own usage. */
export type AnalyticsScope = 'all' | 'me';

/** The whole query of a view: RTK Query keys its cache by these, so each period and filter set has its own. */
export interface AnalyticsArgs {
  scope: AnalyticsScope;
  period: PeriodQuery;
  filters: Filters<string>;
}

/** The analytics routes' base path for a scope (the export hangs below it). */
export const analyticsPath = (scope: AnalyticsScope) =>
  scope === 'all' ? `/${PLUGIN_ID}/analytics` : `/${PLUGIN_ID}/me/analytics`;

/**
 * The period and filters as the fetch client's params: one value as a string, several as an array
 * (sent as key[0]=a&key[1]=b, which the server reads as the same repeated filter).
 */
export const analyticsParams = (
  { period, filters }: Pick<AnalyticsArgs, 'period' | 'filters'>,
  extra: Record<string, string | undefined> = {}
) => searchParamsToQuery(toSearchParams(period, filters, extra));

/** The Analytics and My usage documents, through the admin's data layer (RTK Query). */
const analyticsApi = adminApi.enhanceEndpoints({ addTagTypes: ['LlmAnalytics'] }).injectEndpoints({
  endpoints: (build) => ({
    getLlmAnalytics: build.query<AnalyticsDocument, AnalyticsArgs>({
      query: ({ scope, ...query }) => ({
        url: analyticsPath(scope),
        method: 'GET',
        config: { params: analyticsParams(query) },
      }),
      transformResponse: (response: GetAnalytics.Response | GetMyAnalytics.Response) =>
        response.data,
      providesTags: (_result, _error, { scope, period, filters }) => [
        { type: 'LlmAnalytics', id: `${scope}?${toSearchParams(period, filters).toString()}` },
      ],
    }),
  }),
  overrideExisting: false,
});

export const { useGetLlmAnalyticsQuery } = analyticsApi;
