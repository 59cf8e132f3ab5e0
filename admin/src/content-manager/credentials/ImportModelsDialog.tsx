import { Button, Checkbox, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import { MAX_MODEL_NAME_LENGTH } from '../../../../shared/contracts/providers';
import { InlineLoadError } from '../../components/InlineLoadError';
import { useTranslate } from '../../hooks/useTranslate';
import {
  useGetLlmAvailableModelsQuery,
  useImportLlmProviderModelsMutation,
} from '../../services/provider-tools';
import { useErrorMessage } from '../useErrorMessage';
import { ModelChoices } from './ModelChoices';

interface Props {
  documentId: string;
  onClose: () => void;
}

/** The provider's models (loading, error, empty or the list), and what is chosen from it. */
const Choices = ({
  documentId,
  chosen,
  setChosen,
}: {
  documentId: string;
  chosen: Set<string>;
  setChosen: (next: Set<string>) => void;
}) => {
  const t = useTranslate();
  const message = useErrorMessage();
  const { data, error, isLoading, isFetching, refetch } = useGetLlmAvailableModelsQuery(documentId);
  if (isLoading || isFetching)
    return (
      <Loader small>
        {t('providerTools.import.loading', 'Asking the provider for its models…')}
      </Loader>
    );
  if (error || !data)
    return (
      <InlineLoadError
        testId="llm-import-error"
        message={t(
          'providerTools.import.error',
          'The provider’s models could not be listed: {message}',
          {
            message: error ? message(error) : '',
          }
        )}
        onRetry={() => void refetch()}
      />
    );
  if (data.models.length === 0)
    return (
      <Typography>{t('providerTools.import.empty', 'The provider lists no models.')}</Typography>
    );
  return (
    <>
      {data.truncated && (
        <Typography variant="pi" textColor="warning600" data-testid="llm-import-truncated">
          {t(
            'providerTools.import.truncated',
            'The provider lists more models than can be shown: only the first {limit} are.',
            { limit: data.limit }
          )}
        </Typography>
      )}
      <ModelChoices
        models={data.models}
        chosen={chosen}
        onToggle={(modelId, checked) => {
          const next = new Set(chosen);
          if (checked) next.add(modelId);
          else next.delete(modelId);
          setChosen(next);
        }}
      />
    </>
  );
};

/** "Import models": choose among what the provider offers, and create them in one action. */
export const ImportModelsDialog = ({ documentId, onClose }: Props) => {
  const t = useTranslate();
  const message = useErrorMessage();
  const { toggleNotification } = useNotification();
  const { data } = useGetLlmAvailableModelsQuery(documentId);
  const [importModels, { isLoading }] = useImportLlmProviderModelsMutation();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [pinPrices, setPinPrices] = useState(false);

  const submit = async () => {
    const models = (data?.models ?? [])
      .filter((m) => chosen.has(m.modelId) && !m.configured)
      .map(({ modelId, displayName, capabilities }) => ({
        modelId,
        displayName: displayName.slice(0, MAX_MODEL_NAME_LENGTH),
        capabilities,
      }));
    try {
      const result = await importModels({ documentId, body: { models, pinPrices } }).unwrap();
      const added = t(
        'providerTools.import.done',
        '{count, plural, one {# model} other {# models}} added.',
        { count: result.created.length }
      );
      const followed = result.followingCatalogue.length
        ? t(
            'providerTools.import.followingCatalogue',
            'Not pinned (the catalogue prices them by prompt size), they follow the catalogue: {models}.',
            { models: result.followingCatalogue.join(', ') }
          )
        : '';
      toggleNotification({
        type: followed ? 'warning' : 'success',
        message: followed ? `${added} ${followed}` : added,
      });
      onClose();
    } catch (error) {
      toggleNotification({ type: 'danger', message: message(error) });
    }
  };

  return (
    <Modal.Root open onOpenChange={(next: boolean) => !next && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('providerTools.import.title', 'Import models')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Choices documentId={documentId} chosen={chosen} setChosen={setChosen} />
            <Checkbox
              checked={pinPrices}
              onCheckedChange={(checked: boolean) => setPinPrices(checked)}
            >
              {t(
                'providerTools.import.pin',
                'Copy the catalogue’s prices into the models (pinned)'
              )}
            </Checkbox>
            <Typography variant="pi" textColor="neutral600">
              {t(
                'providerTools.import.pin.hint',
                'Unpinned, the prices stay empty and follow the bundled catalogue; pinned, they stay as they are today.'
              )}
            </Typography>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {t('credentials.cancel', 'Cancel')}
          </Button>
          <Button onClick={submit} loading={isLoading} disabled={chosen.size === 0}>
            {t(
              'providerTools.import.submit',
              'Add {count, plural, one {# model} other {# models}}',
              {
                count: chosen.size,
              }
            )}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
