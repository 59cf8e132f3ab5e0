import { Button, Flex, Switch, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useState } from 'react';
import { useTranslate } from '../../hooks/useTranslate';

/** The range's figures as a file; the button shows it is busy until the download starts or fails. */
export const ExportButtons = ({
  onExport,
}: {
  onExport: (format: 'csv' | 'json') => Promise<void>;
}) => {
  const t = useTranslate();
  const [busy, setBusy] = useState<'csv' | 'json' | null>(null);
  const run = (format: 'csv' | 'json') => {
    setBusy(format);
    void onExport(format).finally(() => setBusy(null));
  };
  return (
    <Flex gap={2}>
      <Button
        variant="tertiary"
        startIcon={<Download />}
        onClick={() => run('csv')}
        loading={busy === 'csv'}
        data-testid="llm-export-csv"
      >
        {t('analytics.export.csv', 'CSV')}
      </Button>
      <Button
        variant="tertiary"
        startIcon={<Download />}
        onClick={() => run('json')}
        loading={busy === 'json'}
        data-testid="llm-export-json"
      >
        {t('analytics.export.json', 'JSON')}
      </Button>
    </Flex>
  );
};

/** "Live": reload the figures every few seconds. */
export const LiveToggle = ({
  live,
  onChange,
}: {
  live: boolean;
  onChange: (on: boolean) => void;
}) => {
  const t = useTranslate();
  return (
    <Flex gap={2} tag="label">
      <Typography variant="pi" fontWeight="bold" id="llm-live-label">
        {t('analytics.live', 'Live')}
      </Typography>
      <Switch
        aria-labelledby="llm-live-label"
        checked={live}
        onCheckedChange={onChange}
        data-testid="llm-live"
      />
    </Flex>
  );
};
