import { Box, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { BudgetBanner } from '../components/BudgetBanner';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { GetStatus } from '../../../shared/contracts/status';
import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';

type Status = GetStatus.Response['data'];

export const HomePage = () => {
  const { formatMessage } = useIntl();
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

  if (failed) return <Page.Error />;
  if (!status) return <Page.Loading />;

  const rows: Array<[string, string]> = [
    [
      formatMessage({ id: getTranslation('home.status.database'), defaultMessage: 'Database' }),
      status.database,
    ],
    [
      formatMessage({ id: getTranslation('home.status.timeZone'), defaultMessage: 'Time zone' }),
      status.timeZone,
    ],
    [
      formatMessage({
        id: getTranslation('home.status.version'),
        defaultMessage: 'Plugin version',
      }),
      status.version,
    ],
  ];

  return (
    <Page.Main>
      <Page.Title>LLM</Page.Title>
      <Layouts.Header
        title={formatMessage({ id: getTranslation('home.title'), defaultMessage: 'LLM' })}
        subtitle={formatMessage({
          id: getTranslation('home.subtitle'),
          defaultMessage: 'Every LLM call this site makes, metered.',
        })}
      />
      <Layouts.Content>
        <BudgetBanner />
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
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
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};
