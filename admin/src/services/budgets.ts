import { adminApi } from '@strapi/strapi/admin';
import type {
  BudgetInput,
  CreateBudget,
  DeleteBudget,
  GetMyBudget,
  ListBudgets,
  UpdateBudget,
} from '../../../shared/contracts/budgets';
import { PLUGIN_ID } from '../pluginId';

/**
 * The budgets' requests through the admin's data layer (RTK Query, as Strapi's own plugins do): one
 * cache per list, refetched when a budget is created, changed or deleted (not when refused). The signed-in user's own
 * budgets (the banner) are invalidated too, since a change may be to one of them.
 */
const budgetsApi = adminApi
  .enhanceEndpoints({ addTagTypes: ['LlmBudget', 'LlmMyBudget'] })
  .injectEndpoints({
    endpoints: (build) => ({
      getBudgets: build.query<ListBudgets.Response, void>({
        query: () => `/${PLUGIN_ID}/budgets`,
        providesTags: (result) => [
          { type: 'LlmBudget' as const, id: 'LIST' },
          ...(result?.data ?? []).map(({ id }) => ({ type: 'LlmBudget' as const, id })),
        ],
      }),
      getMyBudget: build.query<GetMyBudget.Response['data'], void>({
        query: () => `/${PLUGIN_ID}/me/budget`,
        transformResponse: (response: GetMyBudget.Response) => response.data,
        providesTags: ['LlmMyBudget'],
      }),
      createBudget: build.mutation<CreateBudget.Response, BudgetInput>({
        query: (body) => ({ url: `/${PLUGIN_ID}/budgets`, method: 'POST', data: body }),
        invalidatesTags: (_result, error) =>
          error ? [] : [{ type: 'LlmBudget', id: 'LIST' }, 'LlmMyBudget'],
      }),
      updateBudget: build.mutation<UpdateBudget.Response, { id: number; body: BudgetInput }>({
        query: ({ id, body }) => ({
          url: `/${PLUGIN_ID}/budgets/${id}`,
          method: 'PUT',
          data: body,
        }),
        invalidatesTags: (_result, error, { id }) =>
          error
            ? []
            : [{ type: 'LlmBudget', id: 'LIST' }, { type: 'LlmBudget', id }, 'LlmMyBudget'],
      }),
      deleteBudget: build.mutation<DeleteBudget.Response, number>({
        query: (id) => ({ url: `/${PLUGIN_ID}/budgets/${id}`, method: 'DELETE' }),
        invalidatesTags: (_result, error, id) =>
          error
            ? []
            : [{ type: 'LlmBudget', id: 'LIST' }, { type: 'LlmBudget', id }, 'LlmMyBudget'],
      }),
    }),
  });

export const {
  useGetBudgetsQuery,
  useGetMyBudgetQuery,
  useCreateBudgetMutation,
  useUpdateBudgetMutation,
  useDeleteBudgetMutation,
} = budgetsApi;
