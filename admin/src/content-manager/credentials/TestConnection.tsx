import { Badge, Button, Flex, Typography } from '@strapi/design-system';
import type { ConnectionTest } from '../../../../shared/contracts/providers';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { useTestLlmProviderConnectionMutation } from '../../services/provider-tools';
import { useErrorMessage } from '../useErrorMessage';

/** What the last test found: ok or the error's code and message, and how long the provider took. */
const TestResult = ({ result }: { result: ConnectionTest }) => {
  const t = useTranslate();
  const format = useFormat();
  const latency = t('providerTools.test.latency', '{ms} ms', {
    ms: format.number(result.latencyMs),
  });
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid="llm-connection-result">
      <Flex gap={2} wrap="wrap">
        <Badge
          backgroundColor={result.ok ? 'success100' : 'danger100'}
          textColor={result.ok ? 'success700' : 'danger700'}
          data-testid="llm-connection-state"
        >
          {result.ok
            ? t('providerTools.test.ok', 'Connected')
            : t('providerTools.test.failed', 'Failed: {code}', { code: result.error?.code ?? '' })}
        </Badge>
        <Typography variant="pi" textColor="neutral600" data-testid="llm-connection-latency">
          {latency}
        </Typography>
      </Flex>
      {result.ok && result.modelCount !== undefined && (
        <Typography variant="pi" textColor="neutral600">
          {t(
            'providerTools.test.models',
            '{count, plural, one {# model} other {# models}} listed',
            {
              count: result.modelCount,
            }
          )}
        </Typography>
      )}
      {result.ok && result.method === 'chat' && (
        <Typography variant="pi" textColor="neutral600">
          {t('providerTools.test.chat', 'Tested with a one-token call (metered).')}
        </Typography>
      )}
      {result.error && (
        <Typography variant="pi" textColor="danger600" role="alert">
          {result.error.message}
        </Typography>
      )}
      {result.error?.requestId && (
        <Typography variant="pi" textColor="neutral600" data-testid="llm-connection-request">
          {t('providerTools.test.requestId', 'Request id: {id}', { id: result.error.requestId })}
        </Typography>
      )}
    </Flex>
  );
};

/** "Test connection": one minimal request to the provider, and what it answered. */
export const TestConnection = ({ documentId }: { documentId: string }) => {
  const t = useTranslate();
  const message = useErrorMessage();
  const [test, { data, error, isLoading }] = useTestLlmProviderConnectionMutation();
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Button
        variant="secondary"
        size="S"
        loading={isLoading}
        onClick={() => void test(documentId)}
      >
        {t('providerTools.test', 'Test connection')}
      </Button>
      {!isLoading && data && <TestResult result={data} />}
      {!isLoading && error && (
        <Typography variant="pi" textColor="danger600" role="alert">
          {message(error)}
        </Typography>
      )}
    </Flex>
  );
};
