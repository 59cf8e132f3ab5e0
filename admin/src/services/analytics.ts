import { adminApi } from '@strapi/strapi/admin';
import type {
  AnalyticsDocument,
  GetAnalytics,
  GetMyAnalytics,
  RangeKey,
} from '../../../shared/contracts/analytics';
import { PLUGIN_ID } from '../pluginId';

/** "all": the admin Analytics page; "me": the signed-in user's own usage. */
export type AnalyticsScope = 'all' | 'me';

export interface AnalyticsArgs {
  scope: AnalyticsScope;
  range: RangeKey;
}

/** The analytics routes' base path for a scope (the export hangs below it). */
export const analyticsPath = (scope: AnalyticsScope) =>
  scope === 'all' ? `/${PLUGIN_ID}/analytics` : `/${PLUGIN_ID}/me/analytics`;

/** The Analytics and My usage documents, through the admin's data layer (RTK Query). */
const analyticsApi = adminApi.enhanceEndpoints({ addTagTypes: ['LlmAnalytics'] }).injectEndpoints({
  endpoints: (build) => ({
    getLlmAnalytics: build.query<AnalyticsDocument, AnalyticsArgs>({
      query: ({ scope, range }) => ({
        url: analyticsPath(scope),
        method: 'GET',
        config: { params: { range } },
      }),
      transformResponse: (response: GetAnalytics.Response | GetMyAnalytics.Response) =>
        response.data,
      providesTags: (_result, _error, { scope, range }) => [
        { type: 'LlmAnalytics', id: `${scope}-${range}` },
      ],
    }),
  }),
  overrideExisting: false,
});

export const { useGetLlmAnalyticsQuery } = analyticsApi;
