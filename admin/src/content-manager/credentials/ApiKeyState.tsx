import { Badge, Flex, Typography } from '@strapi/design-system';
import type { ProviderCredentials } from '../../../../shared/contracts/providers';
import { useTranslate, type Translate } from '../../hooks/useTranslate';

/** Where an environment variable named as the key's source stands, or null without one. */
const envState = (credentials: ProviderCredentials, t: Translate) =>
  !credentials.apiKeyEnv
    ? null
    : credentials.apiKeyEnvAllowed === false
      ? t('credentials.env.notAllowed', 'not allowed by the app’s config (security.apiKeyEnv)')
      : credentials.apiKeyEnvSet
        ? t('credentials.env.set', 'set on the server')
        : t('credentials.env.missing', 'not set on the server');

/** Whether a key is stored, where else it may come from, and that it is never shown. */
export const ApiKeyState = ({ credentials }: { credentials: ProviderCredentials }) => {
  const t = useTranslate();
  return (
    <>
      <Flex justifyContent="space-between" gap={2} wrap="wrap">
        <Typography variant="sigma" textColor="neutral600">
          {t('credentials.apiKey', 'Stored API key')}
        </Typography>
        <Badge active={credentials.apiKeyStored} data-testid="llm-api-key-state">
          {credentials.apiKeyStored
            ? t('credentials.stored', 'Set (encrypted)')
            : t('credentials.notSet', 'Not set')}
        </Badge>
      </Flex>
      {credentials.apiKeyEnv && (
        <Typography
          variant="pi"
          textColor={
            credentials.apiKeyEnvSet && credentials.apiKeyEnvAllowed ? 'neutral600' : 'danger600'
          }
        >
          {t('credentials.env', 'Read from {name}: {state}', {
            name: credentials.apiKeyEnv,
            state: envState(credentials, t) ?? '',
          })}
        </Typography>
      )}
      <Typography variant="pi" textColor="neutral600">
        {t('credentials.writeOnly', 'The key is write-only: it is never shown, to anyone.')}
      </Typography>
    </>
  );
};
