import { Button, Flex, Switch, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useTranslate } from '../../hooks/useTranslate';

export const ExportButtons = ({ onExport }: { onExport: (format: 'csv' | 'json') => void }) => {
  const t = useTranslate();
  return (
    <Flex gap={2}>
      <Button
        variant="tertiary"
        startIcon={<Download />}
        onClick={() => onExport('csv')}
        data-testid="llm-export-csv"
      >
        {t('analytics.export.csv', 'CSV')}
      </Button>
      <Button variant="tertiary" startIcon={<Download />} onClick={() => onExport('json')}>
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
    <Flex gap={2} alignItems="center">
      <Typography variant="pi" id="llm-live-label">
        {t('analytics.live', 'Live')}
      </Typography>
      <Switch
        aria-labelledby="llm-live-label"
        onLabel={t('analytics.live.on', 'On')}
        offLabel={t('analytics.live.off', 'Off')}
        checked={live}
        onCheckedChange={onChange}
        visibleLabels
      />
    </Flex>
  );
};
