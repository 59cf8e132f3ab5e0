import { adminApi } from '@strapi/strapi/admin';
import type { GetBudgetForecast, GetForecast } from '../../../shared/contracts/forecast';
import { PLUGIN_ID } from '../pluginId';

/**
 * The month-end forecast (Analytics) and the budgets' run-out dates (Budgets page). Both are
 * tagged with the budget list, so creating, changing or deleting a budget refetches them.
 */
const forecastApi = adminApi.enhanceEndpoints({ addTagTypes: ['LlmBudget'] }).injectEndpoints({
  endpoints: (build) => ({
    /** Needs plugin::llm.analytics.read. */
    getForecast: build.query<GetForecast.Response['data'], void>({
      query: () => `/${PLUGIN_ID}/analytics/forecast`,
      transformResponse: (response: GetForecast.Response) => response.data,
      providesTags: [{ type: 'LlmBudget', id: 'LIST' }],
    }),
    /** Needs plugin::llm.budgets.manage. */
    getBudgetForecast: build.query<GetBudgetForecast.Response['data'], void>({
      query: () => `/${PLUGIN_ID}/budgets/forecast`,
      transformResponse: (response: GetBudgetForecast.Response) => response.data,
      providesTags: [{ type: 'LlmBudget', id: 'LIST' }],
    }),
  }),
  overrideExisting: false,
});

export const { useGetForecastQuery, useGetBudgetForecastQuery } = forecastApi;
