import { Button, Flex, Typography } from '@strapi/design-system';
import { useTranslate } from '../hooks/useTranslate';

/** A side panel's or dialog's data could not be loaded: why, and a Retry button. */
export const InlineLoadError = ({
  message,
  onRetry,
  testId,
}: {
  message: string;
  onRetry: () => void;
  testId?: string;
}) => {
  const t = useTranslate();
  return (
    <Flex direction="column" alignItems="flex-start" gap={2} data-testid={testId}>
      <Typography textColor="danger600" role="alert">
        {message}
      </Typography>
      <Button variant="secondary" size="S" onClick={onRetry}>
        {t('loadError.retry', 'Retry')}
      </Button>
    </Flex>
  );
};
