import {
  Button,
  Field,
  Flex,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { InlineLoadError } from '../components/InlineLoadError';
import type { TaskSummary } from '../../../shared/contracts/tasks';
import { useTranslate } from '../hooks/useTranslate';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';
import { EstimateSummary } from './run-task/EstimateSummary';
import { RunProgress } from './run-task/RunProgress';
import { RunResults } from './run-task/RunResults';
import { useTaskEstimate } from './run-task/useTaskEstimate';
import { useTaskRun } from './run-task/useTaskRun';
import type { BulkActionProps } from './types';

interface TaskSelectProps {
  tasks: TaskSummary[] | null;
  value: string;
  onChange: (taskId: string) => void;
  disabled: boolean;
}

const TaskSelect = ({ tasks, value, onChange, disabled }: TaskSelectProps) => {
  const t = useTranslate();
  return (
    <Field.Root name="llm-task">
      <Field.Label>{t('runTask.task', 'Task')}</Field.Label>
      <SingleSelect
        placeholder={
          tasks ? t('runTask.pickTask', 'Pick a task') : t('runTask.loadingTasks', 'Loading tasks…')
        }
        value={value}
        onChange={(v: string | number) => onChange(String(v))}
        disabled={disabled}
      >
        {(tasks ?? []).map((task) => (
          <SingleSelectOption key={task.id} value={String(task.id)}>
            {`${task.name} (${task.service})`}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
};

const RunTaskDialog = ({ onClose, ...selection }: BulkActionProps & { onClose: () => void }) => {
  const t = useTranslate();
  const { documents, model } = selection;
  const locale = new URLSearchParams(window.location.search).get('plugins[i18n][locale]');
  const { tasks, taskId, setTaskId, estimate, error, retry } = useTaskEstimate(selection, locale);
  const { results, progress, finished, run } = useTaskRun(selection, taskId, locale);
  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4} data-testid="llm-run-task-dialog">
          <Typography>
            {t(
              'runTask.selected',
              '{count, plural, one {# selected entry} other {# selected entries}}',
              { count: documents.length }
            )}
          </Typography>
          <TaskSelect
            tasks={tasks}
            value={taskId}
            onChange={setTaskId}
            disabled={!tasks || progress !== null}
          />
          {error && !progress && <InlineLoadError message={error} onRetry={retry} />}
          {taskId && !estimate && !error && (
            <Typography textColor="neutral600">{t('runTask.estimating', 'Estimating…')}</Typography>
          )}
          {estimate && !progress && <EstimateSummary estimate={estimate} />}
          {progress && <RunProgress progress={progress} finished={finished} />}
          {results && <RunResults model={model} results={results} />}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {finished ? t('runTask.close', 'Close') : t('runTask.cancel', 'Cancel')}
        </Button>
        {!finished && (
          <Button onClick={() => run(estimate)} disabled={!estimate || progress !== null}>
            {t('runTask.run', '{count, plural, one {Run on # entry} other {Run on # entries}}', {
              count: documents.length,
            })}
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
  const t = useTranslate();
  const { allowedActions } = useRBAC({ run: PERMISSIONS.runTasks });
  if (model.startsWith(`plugin::${PLUGIN_ID}.`) || !allowedActions.canRun) return null;
  return {
    label: t('runTask.label', 'Run LLM task…'),
    dialog: {
      type: 'modal' as const,
      title: t('runTask.title', 'Run an LLM task'),
      content: ({ onClose }: { onClose: () => void }) => (
        <RunTaskDialog model={model} documents={documents} onClose={onClose} />
      ),
    },
  };
};
