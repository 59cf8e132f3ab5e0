import { Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { GetStatus } from '../../../shared/contracts/status';
import { BudgetBanner } from '../components/BudgetBanner';
import { Card } from '../components/Card';
import { useTranslate } from '../hooks/useTranslate';
import { PLUGIN_ID } from '../pluginId';

type Status = GetStatus.Response['data'];

/** The plugin's status; `failed` when the server could not be reached. */
function useStatus() {
  const { get } = useFetchClient();
  const [status, setStatus] = useState<Status | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    get<GetStatus.Response>(`/${PLUGIN_ID}/status`)
      .then(({ data }) => live && setStatus(data.data))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [get]);

  return { status, failed };
}

const StatusList = ({ status }: { status: Status }) => {
  const t = useTranslate();
  const rows: Array<[string, string]> = [
    [t('home.status.database', 'Database'), status.database],
    [t('home.status.timeZone', 'Time zone'), status.timeZone],
    [t('home.status.version', 'Plugin version'), status.version],
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="llm-status">
      {rows.map(([label, value]) => (
        <Flex key={label} gap={2}>
          <Typography variant="sigma" textColor="neutral600">
            {label}
          </Typography>
          <Typography>{value}</Typography>
        </Flex>
      ))}
    </Flex>
  );
};

export const HomePage = () => {
  const t = useTranslate();
  const { status, failed } = useStatus();

  if (failed) return <Page.Error />;
  if (!status) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{t('home.title', 'LLM')}</Page.Title>
      <Layouts.Header
        title={t('home.title', 'LLM')}
        subtitle={t('home.subtitle', 'Every LLM call this site makes, metered.')}
      />
      <Layouts.Content>
        <BudgetBanner />
        <Card padding={6}>
          <StatusList status={status} />
        </Card>
      </Layouts.Content>
    </Page.Main>
  );
};
