import { adminApi } from '@strapi/strapi/admin';
import { toSearchParams, type Filters, type PeriodQuery } from '../../../shared/analytics-query';
import type { GetPerformance, PerformanceDocument } from '../../../shared/contracts/performance';
import { PLUGIN_ID } from '../pluginId';

export interface PerformanceArgs {
  period: PeriodQuery;
  filters: Filters;
}

/** The Performance panel's figures, through the admin's data layer (RTK Query). */
const performanceApi = adminApi
  .enhanceEndpoints({ addTagTypes: ['LlmPerformance'] })
  .injectEndpoints({
    endpoints: (build) => ({
      getLlmPerformance: build.query<PerformanceDocument, PerformanceArgs>({
        query: ({ period, filters }) => ({
          url: `/${PLUGIN_ID}/analytics/performance`,
          method: 'GET',
          // As encoded text: the admin's client passes a string through, but would not encode an object's values.
          config: { params: toSearchParams(period, filters).toString() },
        }),
        transformResponse: (response: GetPerformance.Response) => response.data,
        // One cache entry per period and filters, in a stable order (toSearchParams sorts them).
        providesTags: (_result, _error, { period, filters }) => [
          { type: 'LlmPerformance', id: toSearchParams(period, filters).toString() },
        ],
      }),
    }),
    overrideExisting: false,
  });

export const { useGetLlmPerformanceQuery } = performanceApi;
