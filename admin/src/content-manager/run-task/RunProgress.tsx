import { Box, ProgressBar, Typography } from '@strapi/design-system';
import { useTranslate } from '../../hooks/useTranslate';
import type { Progress } from './useTaskRun';

export const RunProgress = ({ progress, finished }: { progress: Progress; finished: boolean }) => {
  const t = useTranslate();
  const values = { done: progress.done, total: progress.total, failed: progress.failed };
  return (
    <Box data-testid="llm-run-progress">
      <ProgressBar value={Math.round(((progress.done + progress.failed) / progress.total) * 100)} />
      <Typography tag="p" aria-live="polite">
        {finished
          ? t(
              'runTask.progress.finished',
              'Finished: {done} of {total} done{failed, plural, =0 {} other {, # failed}}',
              values
            )
          : t(
              'runTask.progress.running',
              'Running: {done} of {total} done{failed, plural, =0 {} other {, # failed}}',
              values
            )}
      </Typography>
      {progress.stopped && (
        <Typography textColor="danger600">
          {t('runTask.progress.stopped', 'Stopped: {reason}', { reason: progress.stopped })}
        </Typography>
      )}
    </Box>
  );
};
