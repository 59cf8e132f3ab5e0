import { Flex, Loader } from '@strapi/design-system';
import { useState } from 'react';
import { InlineLoadError } from '../components/InlineLoadError';
import { useTranslate } from '../hooks/useTranslate';
import { PLUGIN_ID } from '../pluginId';
import { ApiKeyActions } from './credentials/ApiKeyActions';
import { ApiKeyState } from './credentials/ApiKeyState';
import { ProviderTools } from './credentials/ProviderTools';
import { ReplaceKeyDialog } from './credentials/ReplaceKeyDialog';
import { useCredentials } from './credentials/useCredentials';
import type { PanelProps } from './types';

const PROVIDER_UID = `plugin::${PLUGIN_ID}.provider`;

const Credentials = ({ documentId }: { documentId: string }) => {
  const t = useTranslate();
  const { credentials, loading, error, refresh, setKey } = useCredentials(documentId);
  const [replacing, setReplacing] = useState(false);

  if (loading) return <Loader small>{t('credentials.loading', 'Loading credentials…')}</Loader>;
  if (error || !credentials)
    return (
      <InlineLoadError
        message={t('credentials.error', 'The credentials could not be loaded: {message}', {
          message: error ?? '',
        })}
        onRetry={() => void refresh()}
      />
    );
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      width="100%"
      data-testid="llm-provider-credentials"
    >
      <ApiKeyState credentials={credentials} />
      {credentials.mayManage && (
        <ApiKeyActions
          stored={credentials.apiKeyStored}
          onReplace={() => setReplacing(true)}
          onRemove={() => setKey(null).catch(() => undefined)}
        />
      )}
      <ReplaceKeyDialog
        open={replacing}
        onClose={() => setReplacing(false)}
        onSave={(key) => setKey(key)}
      />
      {credentials.mayManage && <ProviderTools documentId={documentId} />}
    </Flex>
  );
};

/**
 * The "Credentials" side panel of an LLM provider's edit view. The key is not a form field (it is
 * hidden from the Content Manager and never returned): this panel says whether one is set and, to
 * those who may configure the gateway, offers to replace or remove it, to test the provider's
 * connection and to import its models.
 */
export const CredentialsPanel = ({ model, documentId }: PanelProps) => {
  const t = useTranslate();
  if (model !== PROVIDER_UID || !documentId) return null;
  return {
    title: t('credentials.title', 'Credentials'),
    content: <Credentials documentId={documentId} />,
  };
};
