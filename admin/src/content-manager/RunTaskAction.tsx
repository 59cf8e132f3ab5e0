import {
  Box,
  Button,
  Field,
  Flex,
  Modal,
  ProgressBar,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { EstimateTask, TaskEstimate } from '../../../shared/contracts/entries';
import type { ListTasks, TaskSummary } from '../../../shared/contracts/tasks';
import { formatCount, formatUsd } from '../../../shared/format';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';
import { serverMessage, type RequestError } from '../utils/requestError';
import type { BulkActionProps } from './types';

type Progress = { done: number; failed: number; total: number; stopped?: string };

/** The server's message for a failed request (429 budget, 400 template, …). */
const messageOf = (error: unknown) =>
  serverMessage(error) ?? (error as RequestError | null | undefined)?.message ?? 'Request failed';

const RunTaskDialog = ({
  model,
  documents,
  onClose,
}: BulkActionProps & { onClose: () => void }) => {
  const { get, post } = useFetchClient();
  const [tasks, setTasks] = useState<TaskSummary[] | null>(null);
  const [taskId, setTaskId] = useState<string>('');
  const [estimate, setEstimate] = useState<TaskEstimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const locale = new URLSearchParams(window.location.search).get('plugins[i18n][locale]');

  useEffect(() => {
    get<ListTasks.Response>(`/${PLUGIN_ID}/tasks`)
      .then(({ data }) => setTasks(data.data))
      .catch((e) => setError(messageOf(e)));
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
      .catch((e) => setError(messageOf(e)));
  }, [post, taskId, model, documents, locale]);

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
          state.stopped = messageOf(e);
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
  const blocked = estimate?.budget.limits.filter((l) => !l.enough) ?? [];

  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4} data-testid="llm-run-task-dialog">
          <Typography>
            {documents.length} selected {documents.length === 1 ? 'entry' : 'entries'}
          </Typography>
          <Field.Root name="llm-task">
            <Field.Label>Task</Field.Label>
            <SingleSelect
              placeholder={tasks ? 'Pick a task' : 'Loading tasks…'}
              value={taskId}
              onChange={(value: string | number) => setTaskId(String(value))}
              disabled={!tasks || progress !== null}
            >
              {(tasks ?? []).map((task) => (
                <SingleSelectOption key={task.id} value={String(task.id)}>
                  {`${task.name} (${task.service})`}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          {error && (
            <Typography textColor="danger600" role="alert">
              {error}
            </Typography>
          )}
          {taskId && !estimate && !error && (
            <Typography textColor="neutral600">Estimating…</Typography>
          )}
          {estimate && (
            <Box data-testid="llm-estimate">
              <Typography variant="delta" tag="p">
                Estimate with {estimate.model}
              </Typography>
              <Typography tag="p">
                {formatCount(estimate.calls)} calls · {formatCount(estimate.inputTokens)} input
                tokens · up to {formatCount(estimate.maxOutputTokens)} output tokens
              </Typography>
              <Typography tag="p" data-testid="llm-estimate-cost">
                At most {formatUsd(estimate.costUsd)}
                {estimate.expectedCostUsd !== null
                  ? `, about ${formatUsd(estimate.expectedCostUsd)} from this task's history`
                  : ''}
              </Typography>
              {estimate.budget.limits.map((l) => (
                <Typography
                  key={`${l.budgetName}-${l.window}-${l.metric}`}
                  tag="p"
                  textColor={l.enough ? 'neutral600' : 'danger600'}
                >
                  Budget "{l.budgetName}" ({l.window === 'day' ? 'today' : 'this month'}, {l.metric}
                  ): {l.metric === 'cost' ? formatUsd(l.remaining) : formatCount(l.remaining)} left
                </Typography>
              ))}
              {blocked.length > 0 && (
                <Typography tag="p" textColor="danger600" role="alert">
                  Your budget may not cover this job: calls will be refused once it is spent.
                </Typography>
              )}
            </Box>
          )}
          {progress && (
            <Box data-testid="llm-run-progress">
              <ProgressBar
                value={Math.round(((progress.done + progress.failed) / progress.total) * 100)}
              />
              <Typography tag="p" aria-live="polite">
                {finished ? 'Finished: ' : 'Running: '}
                {progress.done} of {progress.total} done
                {progress.failed ? `, ${progress.failed} failed` : ''}
              </Typography>
              {progress.stopped && (
                <Typography textColor="danger600">Stopped: {progress.stopped}</Typography>
              )}
            </Box>
          )}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {finished ? 'Close' : 'Cancel'}
        </Button>
        {!finished && (
          <Button onClick={run} disabled={!estimate || progress !== null}>
            Run on {documents.length} {documents.length === 1 ? 'entry' : 'entries'}
          </Button>
        )}
      </Modal.Footer>
    </>
  );
};

/**
 * "Run LLM task…" in the Content Manager list view's bulk actions: pick a task, see what it will
 * cost and what the budget leaves, confirm, and watch it run entry by entry.
 */
export const RunTaskAction = ({ model, documents }: BulkActionProps) => {
  const { allowedActions } = useRBAC({ run: PERMISSIONS.runTasks });
  if (model.startsWith(`plugin::${PLUGIN_ID}.`) || !allowedActions.canRun) return null;
  return {
    label: 'Run LLM task…',
    dialog: {
      type: 'modal' as const,
      title: 'Run an LLM task',
      content: ({ onClose }: { onClose: () => void }) => (
        <RunTaskDialog model={model} documents={documents} onClose={onClose} />
      ),
    },
  };
};
