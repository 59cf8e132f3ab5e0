import { Box, Link, Loader, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import { PLUGIN_BASE } from '../../components/PluginNav';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { useGetLlmMyMonthQuery } from '../../services/overview';
import { Tile } from './Tile';

/** For users without analytics.read: their own month, and the way to My usage. No site figures. */
export const MyMonth = () => {
  const t = useTranslate();
  const format = useFormat();
  const { data, isLoading, isError } = useGetLlmMyMonthQuery();
  if (isLoading) return <Loader small>{t('overview.loading', 'Loading the overview…')}</Loader>;
  return (
    <Tile
      label={t('overview.mine.label', 'Your spend this month')}
      value={data && !isError ? format.usd(data.kpis.costUsd) : '–'}
      testId="mine"
      definition={t(
        'overview.mine.definition',
        'Cost of the priced calls you made from the 1st of this month through today.'
      )}
    >
      {data && (
        <Typography variant="pi" textColor="neutral600">
          {t('overview.month.requests', '{count} requests this month', {
            count: format.number(data.kpis.requests),
          })}
        </Typography>
      )}
      <Box paddingTop={2}>
        <Link tag={NavLink} to={`${PLUGIN_BASE}/me`} data-testid="llm-overview-link-me">
          {t('overview.mine.link', 'See my usage')}
        </Link>
      </Box>
    </Tile>
  );
};
