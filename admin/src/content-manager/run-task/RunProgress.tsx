import { Box, ProgressBar, Typography } from '@strapi/design-system';
import type { Progress } from './useTaskRun';

export const RunProgress = ({ progress, finished }: { progress: Progress; finished: boolean }) => (
  <Box data-testid="llm-run-progress">
    <ProgressBar value={Math.round(((progress.done + progress.failed) / progress.total) * 100)} />
    <Typography tag="p" aria-live="polite">
      {finished ? 'Finished: ' : 'Running: '}
      {progress.done} of {progress.total} done
      {progress.failed ? `, ${progress.failed} failed` : ''}
    </Typography>
    {progress.stopped && <Typography textColor="danger600">Stopped: {progress.stopped}</Typography>}
  </Box>
);
