import { adminApi } from '@strapi/strapi/admin';
import type {
  AccessRuleInput,
  DeleteAccessRule,
  ListAccessRules,
  PutAccessRule,
  SubjectKind,
} from '../../../shared/contracts/access-rules';
import { PLUGIN_ID } from '../pluginId';

interface Subject {
  kind: SubjectKind;
  id: number;
}

const path = ({ kind, id }: Subject) => `/${PLUGIN_ID}/access-rules/${kind}/${id}`;

/** The allow-lists' requests through the admin's data layer: one cached list, refetched after each change. */
const accessRulesApi = adminApi
  .enhanceEndpoints({ addTagTypes: ['LlmAccessRule'] })
  .injectEndpoints({
    endpoints: (build) => ({
      getAccessRules: build.query<ListAccessRules.Response, void>({
        query: () => `/${PLUGIN_ID}/access-rules`,
        providesTags: ['LlmAccessRule'],
      }),
      putAccessRule: build.mutation<PutAccessRule.Response, Subject & { body: AccessRuleInput }>({
        query: ({ body, ...subject }) => ({ url: path(subject), method: 'PUT', data: body }),
        invalidatesTags: (_result, error) => (error ? [] : ['LlmAccessRule']),
      }),
      deleteAccessRule: build.mutation<DeleteAccessRule.Response, Subject>({
        query: (subject) => ({ url: path(subject), method: 'DELETE' }),
        invalidatesTags: (_result, error) => (error ? [] : ['LlmAccessRule']),
      }),
    }),
  });

export const { useGetAccessRulesQuery, usePutAccessRuleMutation, useDeleteAccessRuleMutation } =
  accessRulesApi;
