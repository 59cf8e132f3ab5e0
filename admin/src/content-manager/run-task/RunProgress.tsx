import { Box, Typography } from '@strapi/design-system';
import { PercentBar } from '../../components/PercentBar';
import { useTranslate } from '../../hooks/useTranslate';
import type { Progress } from './useTaskRun';

export const RunProgress = ({ progress, finished }: { progress: Progress; finished: boolean }) => {
  const t = useTranslate();
  const values = { done: progress.done, total: progress.total, failed: progress.failed };
  const status = finished
    ? t(
        'runTask.progress.finished',
        'Finished: {done} of {total} done{failed, plural, =0 {} other {, # failed}}',
        values
      )
    : t(
        'runTask.progress.running',
        'Running: {done} of {total} done{failed, plural, =0 {} other {, # failed}}',
        values
      );
  return (
    <Box data-testid="llm-run-progress">
      <PercentBar
        percent={Math.round(((progress.done + progress.failed) / progress.total) * 100)}
        label={status}
      />
      <Typography tag="p" aria-live="polite">
        {status}
      </Typography>
      {progress.stopped && (
        <Typography textColor="danger600" role="alert">
          {t('runTask.progress.stopped', 'Stopped: {reason}', { reason: progress.stopped })}
        </Typography>
      )}
    </Box>
  );
};
