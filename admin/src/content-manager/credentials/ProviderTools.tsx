import { Button, Divider, Flex, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { useTranslate } from '../../hooks/useTranslate';
import { ImportModelsDialog } from './ImportModelsDialog';
import { TestConnection } from './TestConnection';

/** For those who may configure the gateway: test the provider's connection, import its models. */
export const ProviderTools = ({ documentId }: { documentId: string }) => {
  const t = useTranslate();
  const [importing, setImporting] = useState(false);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="llm-provider-tools">
      <Divider />
      <Typography variant="sigma" textColor="neutral600">
        {t('providerTools.title', 'Provider tools')}
      </Typography>
      <TestConnection documentId={documentId} />
      <Button variant="secondary" size="S" onClick={() => setImporting(true)}>
        {t('providerTools.import.open', 'Import models…')}
      </Button>
      {importing && (
        <ImportModelsDialog documentId={documentId} onClose={() => setImporting(false)} />
      )}
    </Flex>
  );
};
