import { useNotification } from '@strapi/strapi/admin';
import {
  useGetLlmProviderCredentialsQuery,
  useSetLlmProviderApiKeyMutation,
} from '../../services/content-manager';
import { useTranslate } from '../../hooks/useTranslate';
import { useErrorMessage } from '../useErrorMessage';

/** A provider's credentials as the server describes them, and the one way to change its key. */
export function useCredentials(documentId: string) {
  const { toggleNotification } = useNotification();
  const t = useTranslate();
  const message = useErrorMessage();
  const credentials = useGetLlmProviderCredentialsQuery(documentId);
  const [setApiKey] = useSetLlmProviderApiKeyMutation();

  /** Stores a new key, or removes the stored one (null); tells the user either way, and rethrows. */
  const setKey = async (apiKey: string | null) => {
    try {
      await setApiKey({ documentId, apiKey }).unwrap();
      toggleNotification({
        type: 'success',
        message:
          apiKey === null
            ? t('credentials.removed', 'The stored API key was removed.')
            : t('credentials.saved', 'The API key was replaced.'),
      });
    } catch (error) {
      toggleNotification({ type: 'danger', message: message(error) });
      throw error;
    }
  };

  return {
    credentials: credentials.data ?? null,
    loading: credentials.isLoading,
    error: credentials.error ? message(credentials.error) : null,
    refresh: credentials.refetch,
    setKey,
  };
}
