import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { EstimateTask, TaskEstimate } from '../../../../shared/contracts/entries';
import type { ListTasks, TaskSummary } from '../../../../shared/contracts/tasks';
import { useTranslate } from '../../hooks/useTranslate';
import { PLUGIN_ID } from '../../pluginId';
import { requestFailure } from '../../utils/requestError';
import type { BulkActionProps } from '../types';

/** The tasks the user may run, the one picked, and what it would cost on the selected entries. */
export function useTaskEstimate({ model, documents }: BulkActionProps, locale: string | null) {
  const { get, post } = useFetchClient();
  const t = useTranslate();
  const requestFailed = t('runTask.requestFailed', 'Request failed');
  const [tasks, setTasks] = useState<TaskSummary[] | null>(null);
  const [taskId, setTaskId] = useState<string>('');
  const [estimate, setEstimate] = useState<TaskEstimate | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<ListTasks.Response>(`/${PLUGIN_ID}/tasks`)
      .then(({ data }) => setTasks(data.data))
      .catch((e) => setError(requestFailure(e, requestFailed)));
  }, [get]);

  useEffect(() => {
    if (!taskId) return;
    setEstimate(null);
    setError(null);
    const body: EstimateTask.Request['body'] = {
      contentType: model,
      documentIds: documents.map((d) => d.documentId),
      ...(locale ? { locales: [locale] } : {}),
    };
    post<EstimateTask.Response>(`/${PLUGIN_ID}/tasks/${taskId}/estimate`, body)
      .then(({ data }) => setEstimate(data.data))
      .catch((e) => setError(requestFailure(e, requestFailed)));
  }, [post, taskId, model, documents, locale]);

  return { tasks, taskId, setTaskId, estimate, error };
}
