import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import type {
  GetProviderCredentials,
  ProviderCredentials,
  SetProviderApiKey,
} from '../../../../shared/contracts/providers';
import { useTranslate } from '../../hooks/useTranslate';
import { PLUGIN_ID } from '../../pluginId';
import { serverMessage } from '../../utils/requestError';

export type Load =
  { state: 'loading' } | { state: 'error' } | { state: 'ready'; credentials: ProviderCredentials };

/** A provider's credentials as the server describes them, and the one way to change its key. */
export function useCredentials(documentId: string) {
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = useTranslate();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  const refresh = useCallback(() => {
    setLoad({ state: 'loading' });
    get<GetProviderCredentials.Response>(`/${PLUGIN_ID}/providers/${documentId}/credentials`)
      .then(({ data }) => setLoad({ state: 'ready', credentials: data.data }))
      .catch(() => setLoad({ state: 'error' }));
  }, [get, documentId]);
  useEffect(refresh, [refresh]);

  /** Stores a new key, or removes the stored one (null); tells the user either way, and rethrows. */
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
      toggleNotification({
        type: 'danger',
        message:
          serverMessage(error) ?? t('credentials.saveFailed', 'The API key could not be saved.'),
      });
      throw error;
    }
  };

  return { load, refresh, setKey };
}
