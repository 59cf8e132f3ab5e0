import { adminApi } from '@strapi/strapi/admin';
import type {
  GetRequestLog,
  GetRequestLogEntry,
  RequestLogDetail,
  RequestLogPage,
} from '../../../shared/contracts/request-log';
import { PLUGIN_ID } from '../pluginId';

/** The request log's base path (the export and a row's detail hang below it). */
export const REQUEST_LOG_PATH = `/${PLUGIN_ID}/requests`;

/** The request log's pages and row details, through the admin's data layer (RTK Query). */
const requestLogApi = adminApi
  .enhanceEndpoints({ addTagTypes: ['LlmRequestLog'] })
  .injectEndpoints({
    endpoints: (build) => ({
      // The argument is the query string (period, filters, sort, cursor): one cache entry per page.
      getLlmRequestLog: build.query<RequestLogPage, string>({
        query: (search) => ({ url: `${REQUEST_LOG_PATH}?${search}`, method: 'GET' }),
        transformResponse: (response: GetRequestLog.Response) => response.data,
        providesTags: ['LlmRequestLog'],
      }),
      getLlmRequestLogEntry: build.query<RequestLogDetail, number>({
        query: (id) => ({ url: `${REQUEST_LOG_PATH}/${id}`, method: 'GET' }),
        transformResponse: (response: GetRequestLogEntry.Response) => response.data,
        providesTags: ['LlmRequestLog'],
      }),
    }),
    overrideExisting: false,
  });

export const { useGetLlmRequestLogQuery, useGetLlmRequestLogEntryQuery } = requestLogApi;
