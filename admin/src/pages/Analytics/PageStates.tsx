import { Alert, Box, Button, EmptyStateLayout, Flex, Loader } from '@strapi/design-system';
import { ArrowClockwise, WarningCircle } from '@strapi/icons';
import { useAPIErrorHandler } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';
import { Card } from '../../components/Card';
import { useTranslate } from '../../hooks/useTranslate';

type ApiError = Parameters<ReturnType<typeof useAPIErrorHandler>['formatAPIError']>[0];

/** The request failed: the server's reason, and a way to ask again (not the generic error page). */
export const LoadError = ({
  error,
  onRetry,
  busy,
}: {
  error: unknown;
  onRetry: () => void;
  busy: boolean;
}) => {
  const t = useTranslate();
  const { formatAPIError } = useAPIErrorHandler();
  return (
    <Card data-testid="llm-analytics-error">
      <EmptyStateLayout
        icon={<WarningCircle width="6.4rem" height="6.4rem" fill="danger600" />}
        content={t('analytics.error', 'The figures could not be loaded: {reason}', {
          reason: formatAPIError(error as ApiError),
        })}
        action={
          <Button
            variant="secondary"
            startIcon={<ArrowClockwise />}
            onClick={onRetry}
            loading={busy}
            data-testid="llm-analytics-retry"
          >
            {t('analytics.retry', 'Retry')}
          </Button>
        }
      />
    </Card>
  );
};

/** Live reloads are failing: say so, and when the next try is (the wait grows to a minute). */
export const LiveFailure = ({ error, nextTryMs }: { error: unknown; nextTryMs: number }) => {
  const t = useTranslate();
  const { formatAPIError } = useAPIErrorHandler();
  return (
    <Alert
      variant="warning"
      closeLabel={t('analytics.live.failed.close', 'Close')}
      title={t('analytics.live.failed', 'Live updates failed.')}
      data-testid="llm-live-failure"
    >
      {t(
        'analytics.live.failed.detail',
        '{reason} The figures below may be out of date; trying again in {seconds, plural, one {# second} other {# seconds}}.',
        {
          reason: error ? formatAPIError(error as ApiError) : '',
          seconds: Math.round(nextTryMs / 1000),
        }
      )}
    </Alert>
  );
};

/**
 * The figures of the previous range, dimmed and marked busy while the new range loads, with a
 * progress indicator: the page does not jump, and it is clear the numbers are not yet the new ones.
 */
export const Dimmed = ({ busy, children }: { busy: boolean; children: ReactNode }) => {
  const t = useTranslate();
  return (
    <Box position="relative" aria-busy={busy} data-testid="llm-analytics-figures">
      {busy && (
        <Flex
          position="absolute"
          top={0}
          left={0}
          right={0}
          justifyContent="center"
          paddingTop={4}
          zIndex={2}
          data-testid="llm-analytics-loading"
        >
          <Loader small>{t('analytics.loading', 'Loading the figures of the range…')}</Loader>
        </Flex>
      )}
      <Flex
        direction="column"
        alignItems="stretch"
        gap={5}
        style={{
          opacity: busy ? 0.4 : 1,
          transition: 'opacity 150ms',
          pointerEvents: busy ? 'none' : undefined,
        }}
      >
        {children}
      </Flex>
    </Box>
  );
};
