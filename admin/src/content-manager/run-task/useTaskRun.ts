import { useFetchClient } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useTranslate } from '../../hooks/useTranslate';
import { PLUGIN_ID } from '../../pluginId';
import { requestFailure, type RequestError } from '../../utils/requestError';
import type { BulkActionProps } from '../types';

export type Progress = { done: number; failed: number; total: number; stopped?: string };

/** Runs a task on the selected entries one by one, counting what succeeded and what failed. */
export function useTaskRun(
  { model, documents }: BulkActionProps,
  taskId: string,
  locale: string | null
) {
  const { post } = useFetchClient();
  const t = useTranslate();
  const requestFailed = t('runTask.requestFailed', 'Request failed');
  const [progress, setProgress] = useState<Progress | null>(null);

  async function run() {
    const state: Progress = { done: 0, failed: 0, total: documents.length };
    setProgress({ ...state });
    // One call per entry, each through the gateway (budgets apply) and attributed to its entry.
    for (const document of documents) {
      try {
        await post(`/${PLUGIN_ID}/tasks/${taskId}/run`, {
          entry: { uid: model, documentId: document.documentId, locale: document.locale ?? locale },
        });
        state.done += 1;
      } catch (e) {
        state.failed += 1;
        if ((e as RequestError | null | undefined)?.response?.status === 429) {
          state.stopped = requestFailure(e, requestFailed);
          setProgress({ ...state });
          return;
        }
      }
      setProgress({ ...state });
    }
  }

  const finished =
    progress !== null &&
    (progress.stopped !== undefined || progress.done + progress.failed === progress.total);
  return { progress, finished, run };
}
