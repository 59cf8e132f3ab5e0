import { adminApi } from '@strapi/strapi/admin';
import type {
  EntryRef,
  EntryUsage,
  EstimateTask,
  GetEntryUsage,
  TaskEstimate,
} from '../../../shared/contracts/entries';
import type {
  GetProviderCredentials,
  ProviderCredentials,
  SetProviderApiKey,
} from '../../../shared/contracts/providers';
import type { ListTasks, RunTask, TaskSummary } from '../../../shared/contracts/tasks';
import { PLUGIN_ID } from '../pluginId';

/**
 * The Content Manager surfaces' requests, through the admin's data layer (RTK Query): the bulk
 * "Run LLM task…" action, an entry's AI usage side panel and a provider's credentials panel.
 */
const api = adminApi.enhanceEndpoints({
  addTagTypes: ['LlmTask', 'LlmEntryUsage', 'LlmProviderCredentials'],
});

const contentManagerApi = api.injectEndpoints({
  overrideExisting: true,
  endpoints: (builder) => ({
    getLlmTasks: builder.query<TaskSummary[], void>({
      query: () => `/${PLUGIN_ID}/tasks`,
      transformResponse: (response: ListTasks.Response) => response.data,
      providesTags: ['LlmTask'],
    }),
    estimateLlmTask: builder.query<
      TaskEstimate,
      { taskId: string; body: EstimateTask.Request['body'] }
    >({
      query: ({ taskId, body }) => ({
        url: `/${PLUGIN_ID}/tasks/${taskId}/estimate`,
        method: 'POST',
        data: body,
      }),
      transformResponse: (response: EstimateTask.Response) => response.data,
      // Budgets and prices move: an estimate is always asked afresh.
      keepUnusedDataFor: 0,
    }),
    runLlmTask: builder.mutation<RunTask.Response['data'], { taskId: string; entry: EntryRef }>({
      query: ({ taskId, entry }) => ({
        url: `/${PLUGIN_ID}/tasks/${taskId}/run`,
        method: 'POST',
        data: { entry } satisfies RunTask.Request['body'],
      }),
      transformResponse: (response: RunTask.Response) => response.data,
      invalidatesTags: (_result, _error, { entry }) => [
        { type: 'LlmEntryUsage', id: `${entry.uid}/${entry.documentId}` },
      ],
    }),
    getLlmEntryUsage: builder.query<EntryUsage | null, { uid: string; documentId: string }>({
      query: ({ uid, documentId }) => `/${PLUGIN_ID}/entries/${uid}/${documentId}/usage`,
      transformResponse: (response: GetEntryUsage.Response) => response.data,
      providesTags: (_result, _error, { uid, documentId }) => [
        { type: 'LlmEntryUsage', id: `${uid}/${documentId}` },
      ],
    }),
    getLlmProviderCredentials: builder.query<ProviderCredentials, string>({
      query: (documentId) => `/${PLUGIN_ID}/providers/${documentId}/credentials`,
      transformResponse: (response: GetProviderCredentials.Response) => response.data,
      providesTags: (_result, _error, documentId) => [
        { type: 'LlmProviderCredentials', id: documentId },
      ],
    }),
    setLlmProviderApiKey: builder.mutation<
      ProviderCredentials,
      { documentId: string; apiKey: string | null }
    >({
      query: ({ documentId, apiKey }) => ({
        url: `/${PLUGIN_ID}/providers/${documentId}/api-key`,
        method: 'PUT',
        data: { apiKey } satisfies SetProviderApiKey.Request['body'],
      }),
      transformResponse: (response: SetProviderApiKey.Response) => response.data,
      invalidatesTags: (_result, _error, { documentId }) => [
        { type: 'LlmProviderCredentials', id: documentId },
      ],
    }),
  }),
});

export const {
  useGetLlmTasksQuery,
  useEstimateLlmTaskQuery,
  useRunLlmTaskMutation,
  useGetLlmEntryUsageQuery,
  useGetLlmProviderCredentialsQuery,
  useSetLlmProviderApiKeyMutation,
} = contentManagerApi;
