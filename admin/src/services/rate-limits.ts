import { adminApi } from '@strapi/strapi/admin';
import type {
  CreateRateLimit,
  DeleteRateLimit,
  ListRateLimits,
  RateLimitInput,
  UpdateRateLimit,
} from '../../../shared/contracts/rate-limits';
import { PLUGIN_ID } from '../pluginId';

/** The rate limits' requests through the admin's data layer: one list, refetched after each change. */
const rateLimitsApi = adminApi.enhanceEndpoints({ addTagTypes: ['LlmRateLimit'] }).injectEndpoints({
  endpoints: (build) => ({
    getRateLimits: build.query<ListRateLimits.Response, void>({
      query: () => `/${PLUGIN_ID}/rate-limits`,
      providesTags: [{ type: 'LlmRateLimit' as const, id: 'LIST' }],
    }),
    createRateLimit: build.mutation<CreateRateLimit.Response, RateLimitInput>({
      query: (body) => ({ url: `/${PLUGIN_ID}/rate-limits`, method: 'POST', data: body }),
      invalidatesTags: (_result, error) => (error ? [] : [{ type: 'LlmRateLimit', id: 'LIST' }]),
    }),
    updateRateLimit: build.mutation<UpdateRateLimit.Response, { id: number; body: RateLimitInput }>(
      {
        query: ({ id, body }) => ({
          url: `/${PLUGIN_ID}/rate-limits/${id}`,
          method: 'PUT',
          data: body,
        }),
        invalidatesTags: (_result, error) => (error ? [] : [{ type: 'LlmRateLimit', id: 'LIST' }]),
      }
    ),
    deleteRateLimit: build.mutation<DeleteRateLimit.Response, number>({
      query: (id) => ({ url: `/${PLUGIN_ID}/rate-limits/${id}`, method: 'DELETE' }),
      invalidatesTags: (_result, error) => (error ? [] : [{ type: 'LlmRateLimit', id: 'LIST' }]),
    }),
  }),
});

export const {
  useGetRateLimitsQuery,
  useCreateRateLimitMutation,
  useUpdateRateLimitMutation,
  useDeleteRateLimitMutation,
} = rateLimitsApi;
