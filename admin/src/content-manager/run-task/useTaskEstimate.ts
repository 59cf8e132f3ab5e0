import { useMemo, useState } from 'react';
import type { EstimateTask } from '../../../../shared/contracts/entries';
import { useEstimateLlmTaskQuery, useGetLlmTasksQuery } from '../../services/content-manager';
import type { BulkActionProps } from '../types';
import { useErrorMessage } from '../useErrorMessage';

/** The tasks the user may run, the one picked, and what it would cost on the selected entries. */
export function useTaskEstimate({ model, documents }: BulkActionProps, locale: string | null) {
  const message = useErrorMessage();
  const [taskId, setTaskId] = useState<string>('');
  const tasks = useGetLlmTasksQuery();
  const body = useMemo<EstimateTask.Request['body']>(
    () => ({
      contentType: model,
      documentIds: documents.map((d) => d.documentId),
      ...(locale ? { locales: [locale] } : {}),
    }),
    [model, documents, locale]
  );
  const estimate = useEstimateLlmTaskQuery(
    { taskId, body },
    { skip: !taskId, refetchOnMountOrArgChange: true }
  );
  const failed = tasks.error ?? (taskId ? estimate.error : undefined);
  return {
    tasks: tasks.data ?? null,
    taskId,
    setTaskId,
    estimate: taskId && !estimate.isFetching ? (estimate.data ?? null) : null,
    error: failed ? message(failed) : null,
    retry: tasks.error ? tasks.refetch : estimate.refetch,
  };
}
