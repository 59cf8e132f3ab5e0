import { useEffect, useRef, useState } from 'react';
import type { TaskEstimate } from '../../../../shared/contracts/entries';
import { useRunLlmTaskMutation } from '../../services/content-manager';
import type { BulkActionProps } from '../types';
import { errorCode, errorStatus, useErrorMessage } from '../useErrorMessage';

/** One selected entry's run: what it was expected to cost, and what it produced and cost, or why it failed. */
export interface EntryResult {
  documentId: string;
  locale: string | null;
  /** The entry's title (its main field) as the estimate named it, else its document id. */
  label: string;
  estimateUsd: string | null;
  state: 'waiting' | 'running' | 'done' | 'failed' | 'skipped';
  text?: string;
  /** The actual cost of the call (USD text; null: unpriced). */
  costUsd?: string | null;
  error?: { code?: string; message: string };
}

export type Progress = { done: number; failed: number; total: number; stopped?: string };

const key = (documentId: string, locale: string | null | undefined) =>
  `${documentId}:${locale ?? ''}`;

/** The selected entries as the run will list them, named and priced by the estimate. */
function initialResults(
  documents: BulkActionProps['documents'],
  estimate: TaskEstimate | null,
  locale: string | null
): EntryResult[] {
  const perEntry = new Map(
    (estimate?.perEntry ?? []).map((e) => [key(e.documentId, e.locale), e] as const)
  );
  return documents.map((document) => {
    const at = document.locale ?? locale;
    const estimated =
      perEntry.get(key(document.documentId, at)) ??
      estimate?.perEntry.find((e) => e.documentId === document.documentId);
    return {
      documentId: document.documentId,
      locale: at ?? null,
      label: estimated?.label ?? document.documentId,
      estimateUsd: estimated?.costUsd ?? null,
      state: 'waiting',
    };
  });
}

const progressOf = (results: EntryResult[], stopped?: string): Progress => ({
  done: results.filter((r) => r.state === 'done').length,
  failed: results.filter((r) => r.state === 'failed').length,
  total: results.length,
  ...(stopped ? { stopped } : {}),
});

/** Runs a task on the selected entries one by one, keeping each entry's text, cost or failure. */
export function useTaskRun(
  { model, documents }: BulkActionProps,
  taskId: string,
  locale: string | null
) {
  const [runTask] = useRunLlmTaskMutation();
  const message = useErrorMessage();
  const [results, setResults] = useState<EntryResult[] | null>(null);
  const [stopped, setStopped] = useState<string | undefined>(undefined);
  // Closing the dialog stops the run before the next entry: no more calls, no more spend.
  const cancelled = useRef(false);
  useEffect(() => {
    cancelled.current = false;
    return () => {
      cancelled.current = true;
    };
  }, []);

  async function run(estimate: TaskEstimate | null) {
    const list = initialResults(documents, estimate, locale);
    const update = (i: number, patch: Partial<EntryResult>) => {
      list[i] = { ...list[i], ...patch };
      setResults([...list]);
    };
    setResults([...list]);
    // One call per entry, each through the gateway (budgets apply) and attributed to its entry.
    for (let i = 0; i < list.length; i += 1) {
      if (cancelled.current) return;
      update(i, { state: 'running' });
      const { documentId, locale: at } = list[i];
      try {
        const data = await runTask({
          taskId,
          entry: { uid: model, documentId, locale: at },
        }).unwrap();
        const text = data.text ?? data.texts?.join('\n');
        update(i, { state: 'done', text, costUsd: data.usage.costUsd });
      } catch (error) {
        update(i, { state: 'failed', error: { code: errorCode(error), message: message(error) } });
        // A budget refused the call: the next ones would be refused too.
        if (errorStatus(error) === 429) {
          for (let j = i + 1; j < list.length; j += 1) update(j, { state: 'skipped' });
          setStopped(message(error));
          return;
        }
      }
    }
  }

  const progress = results ? progressOf(results, stopped) : null;
  const finished =
    progress !== null &&
    (progress.stopped !== undefined || progress.done + progress.failed === progress.total);
  return { results, progress, finished, run };
}
