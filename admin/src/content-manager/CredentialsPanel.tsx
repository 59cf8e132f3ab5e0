import {
  Badge,
  Button,
  Dialog,
  Field,
  Flex,
  Loader,
  Modal,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { ConfirmDialog, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import {
  MAX_API_KEY_LENGTH,
  type GetProviderCredentials,
  type ProviderCredentials,
  type SetProviderApiKey,
} from '../../../shared/contracts/providers';
import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';
import { serverMessage } from '../utils/requestError';
import type { PanelProps } from './types';

const PROVIDER_UID = `plugin::${PLUGIN_ID}.provider`;

type Load =
  { state: 'loading' } | { state: 'error' } | { state: 'ready'; credentials: ProviderCredentials };

/** The dialog that takes a new key: the only place a key is ever typed, and it is never shown back. */
const ReplaceKeyDialog = ({
  open,
  onClose,
  onSave,
}: {
  open: boolean;
  onClose: () => void;
  onSave: (key: string) => Promise<void>;
}) => {
  const { formatMessage } = useIntl();
  const [key, setKey] = useState('');
  const [saving, setSaving] = useState(false);
  const invalid = key !== '' && !/^[\x21-\x7e]+$/.test(key);

  const close = () => {
    setKey('');
    onClose();
  };
  const save = async () => {
    setSaving(true);
    try {
      await onSave(key);
      close();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={(next: boolean) => !next && close()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {formatMessage({
              id: getTranslation('credentials.replace.title'),
              defaultMessage: 'Replace the API key',
            })}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Field.Root
            name="llm-api-key"
            hint={formatMessage({
              id: getTranslation('credentials.replace.hint'),
              defaultMessage: 'Stored encrypted. Nobody can read it back, not even a super admin.',
            })}
            error={
              invalid
                ? formatMessage({
                    id: getTranslation('credentials.replace.invalid'),
                    defaultMessage: 'A key has no spaces or line breaks.',
                  })
                : undefined
            }
          >
            <Field.Label>
              {formatMessage({
                id: getTranslation('credentials.replace.label'),
                defaultMessage: 'New API key',
              })}
            </Field.Label>
            <TextInput
              type="password"
              autoComplete="off"
              value={key}
              maxLength={MAX_API_KEY_LENGTH}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setKey(e.target.value)}
            />
            <Field.Hint />
            <Field.Error />
          </Field.Root>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={close}>
            {formatMessage({ id: getTranslation('credentials.cancel'), defaultMessage: 'Cancel' })}
          </Button>
          <Button onClick={save} loading={saving} disabled={key === '' || invalid}>
            {formatMessage({
              id: getTranslation('credentials.replace.save'),
              defaultMessage: 'Save key',
            })}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

const Credentials = ({ documentId }: { documentId: string }) => {
  const { formatMessage } = useIntl();
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [replacing, setReplacing] = useState(false);
  const t = (id: string, defaultMessage: string, values?: Record<string, string>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);

  const refresh = useCallback(() => {
    setLoad({ state: 'loading' });
    get<GetProviderCredentials.Response>(`/${PLUGIN_ID}/providers/${documentId}/credentials`)
      .then(({ data }) => setLoad({ state: 'ready', credentials: data.data }))
      .catch(() => setLoad({ state: 'error' }));
  }, [get, documentId]);
  useEffect(refresh, [refresh]);

  const setKey = async (apiKey: string | null) => {
    try {
      const { data } = await put<SetProviderApiKey.Response>(
        `/${PLUGIN_ID}/providers/${documentId}/api-key`,
        { apiKey } satisfies SetProviderApiKey.Request['body']
      );
      setLoad({ state: 'ready', credentials: data.data });
      toggleNotification({
        type: 'success',
        message:
          apiKey === null
            ? t('credentials.removed', 'The stored API key was removed.')
            : t('credentials.saved', 'The API key was replaced.'),
      });
    } catch (error) {
      const message = serverMessage(error);
      toggleNotification({
        type: 'danger',
        message: message ?? t('credentials.saveFailed', 'The API key could not be saved.'),
      });
      throw error;
    }
  };

  if (load.state === 'loading')
    return <Loader small>{t('credentials.loading', 'Loading credentials…')}</Loader>;
  if (load.state === 'error') {
    return (
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Typography textColor="danger600" role="alert">
          {t('credentials.error', 'The credentials could not be loaded.')}
        </Typography>
        <Button variant="secondary" size="S" onClick={refresh}>
          {t('credentials.retry', 'Retry')}
        </Button>
      </Flex>
    );
  }
  const { credentials } = load;
  const envState = !credentials.apiKeyEnv
    ? null
    : credentials.apiKeyEnvAllowed === false
      ? t('credentials.env.notAllowed', 'not allowed by the app’s config (security.apiKeyEnv)')
      : credentials.apiKeyEnvSet
        ? t('credentials.env.set', 'set on the server')
        : t('credentials.env.missing', 'not set on the server');

  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      width="100%"
      data-testid="llm-provider-credentials"
    >
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
            state: envState ?? '',
          })}
        </Typography>
      )}
      <Typography variant="pi" textColor="neutral600">
        {t('credentials.writeOnly', 'The key is write-only: it is never shown, to anyone.')}
      </Typography>
      {credentials.mayManage && (
        <Flex gap={2} wrap="wrap">
          <Button variant="secondary" size="S" onClick={() => setReplacing(true)}>
            {credentials.apiKeyStored
              ? t('credentials.replace', 'Replace key')
              : t('credentials.set', 'Set key')}
          </Button>
          {credentials.apiKeyStored && (
            <Dialog.Root>
              <Dialog.Trigger>
                <Button variant="danger-light" size="S">
                  {t('credentials.remove', 'Remove key')}
                </Button>
              </Dialog.Trigger>
              <ConfirmDialog onConfirm={() => setKey(null).catch(() => undefined)}>
                {t(
                  'credentials.remove.confirm',
                  'Calls through this provider will fail until a key is set again. Remove the stored key?'
                )}
              </ConfirmDialog>
            </Dialog.Root>
          )}
        </Flex>
      )}
      <ReplaceKeyDialog
        open={replacing}
        onClose={() => setReplacing(false)}
        onSave={(key) => setKey(key)}
      />
    </Flex>
  );
};

/**
 * The "Credentials" side panel of an LLM provider's edit view. The key is not a form field (it is
 * hidden from the Content Manager and never returned): this panel says whether one is set and, to
 * those who may configure the gateway, offers to replace or remove it.
 */
export const CredentialsPanel = ({ model, documentId }: PanelProps) => {
  const { formatMessage } = useIntl();
  if (model !== PROVIDER_UID || !documentId) return null;
  return {
    title: formatMessage({
      id: getTranslation('credentials.title'),
      defaultMessage: 'Credentials',
    }),
    content: <Credentials documentId={documentId} />,
  };
};
