import { adminApi } from '@strapi/strapi/admin';
import type {
  AvailableModel,
  ConnectionTest,
  ImportProviderModels,
  ListAvailableModels,
  TestProviderConnection,
} from '../../../shared/contracts/providers';
import { PLUGIN_ID } from '../pluginId';

/**
 * A provider's tools in its edit view, through the admin's data layer (RTK Query over the admin's
 * fetch client): "Test connection" and "Import models". The routes need plugin::llm.settings.manage.
 */
/** What a provider offers, and whether the list was cut at the limit. */
export interface AvailableModels {
  models: AvailableModel[];
  truncated: boolean;
  limit: number;
}

const api = adminApi.enhanceEndpoints({ addTagTypes: ['LlmAvailableModels'] });

const providerToolsApi = api.injectEndpoints({
  overrideExisting: true,
  endpoints: (builder) => ({
    testLlmProviderConnection: builder.mutation<ConnectionTest, string>({
      query: (documentId) => ({
        url: `/${PLUGIN_ID}/providers/${documentId}/test-connection`,
        method: 'POST',
      }),
      transformResponse: (response: TestProviderConnection.Response) => response.data,
    }),
    getLlmAvailableModels: builder.query<AvailableModels, string>({
      query: (documentId) => `/${PLUGIN_ID}/providers/${documentId}/available-models`,
      transformResponse: (response: ListAvailableModels.Response) => ({
        models: response.data,
        truncated: response.meta?.truncated ?? false,
        limit: response.meta?.limit ?? response.data.length,
      }),
      providesTags: (_result, _error, documentId) => [
        { type: 'LlmAvailableModels', id: documentId },
      ],
      // What a provider offers, and what is configured, is asked afresh each time the dialog opens.
      keepUnusedDataFor: 0,
    }),
    importLlmProviderModels: builder.mutation<
      ImportProviderModels.Response['data'],
      { documentId: string; body: ImportProviderModels.Request['body'] }
    >({
      query: ({ documentId, body }) => ({
        url: `/${PLUGIN_ID}/providers/${documentId}/models/import`,
        method: 'POST',
        data: body,
      }),
      transformResponse: (response: ImportProviderModels.Response) => response.data,
      invalidatesTags: (_result, _error, { documentId }) => [
        { type: 'LlmAvailableModels', id: documentId },
      ],
    }),
  }),
});

export const {
  useTestLlmProviderConnectionMutation,
  useGetLlmAvailableModelsQuery,
  useImportLlmProviderModelsMutation,
} = providerToolsApi;
