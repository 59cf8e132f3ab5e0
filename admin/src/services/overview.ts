import { adminApi } from '@strapi/strapi/admin';
import type { GetMyAnalytics } from '../../../shared/contracts/analytics';
import type { GetOverview } from '../../../shared/contracts/overview';
import type { GetStatus } from '../../../shared/contracts/status';
import { PLUGIN_ID } from '../pluginId';

/**
 * The Overview page's and the homepage widget's data, through the admin's data layer: cached and
 * shared (the widget and the page ask once), errors in the shape `useAPIErrorHandler` formats.
 */
const overviewApi = adminApi
  .enhanceEndpoints({ addTagTypes: ['LlmOverview', 'LlmStatus'] })
  .injectEndpoints({
    endpoints: (builder) => ({
      /** Site-wide figures: needs plugin::llm.analytics.read (403 otherwise). */
      getLlmOverview: builder.query<GetOverview.Response['data'], void>({
        query: () => `/${PLUGIN_ID}/overview`,
        transformResponse: (response: GetOverview.Response) => response.data,
        providesTags: ['LlmOverview'],
      }),
      /** The signed-in user's own month (what every admin user may see). */
      getLlmMyMonth: builder.query<GetMyAnalytics.Response['data'], void>({
        query: () => `/${PLUGIN_ID}/me/analytics?range=month`,
        transformResponse: (response: GetMyAnalytics.Response) => response.data,
        providesTags: ['LlmOverview'],
      }),
      getLlmStatus: builder.query<GetStatus.Response['data'], void>({
        query: () => `/${PLUGIN_ID}/status`,
        transformResponse: (response: GetStatus.Response) => response.data,
        providesTags: ['LlmStatus'],
      }),
    }),
    overrideExisting: false,
  });

export const { useGetLlmOverviewQuery, useGetLlmMyMonthQuery, useGetLlmStatusQuery } = overviewApi;
