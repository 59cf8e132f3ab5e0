import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useAuth } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { PLUGIN_BASE } from '../../components/PluginNav';
import { msg, useTranslate, type Message } from '../../hooks/useTranslate';
import { PLUGIN_ID } from '../../pluginId';
import { Section } from './Tile';

/** The four configuration lists, by their content type (server/src/content-types/schemas.ts). */
const CONFIGURATION: Array<{ uid: string; label: Message; testId: string }> = [
  {
    uid: `plugin::${PLUGIN_ID}.provider`,
    label: msg('overview.links.providers', 'Providers'),
    testId: 'providers',
  },
  {
    uid: `plugin::${PLUGIN_ID}.model`,
    label: msg('overview.links.models', 'Models'),
    testId: 'models',
  },
  {
    uid: `plugin::${PLUGIN_ID}.configuration`,
    label: msg('overview.links.configurations', 'Configurations'),
    testId: 'configurations',
  },
  {
    uid: `plugin::${PLUGIN_ID}.task`,
    label: msg('overview.links.tasks', 'Tasks'),
    testId: 'tasks',
  },
];

const READ = 'plugin::content-manager.explorer.read';

/** Where to go next: the plugin's pages and the configuration lists the user may read. */
export const Links = ({
  canReadAnalytics,
  canManageBudgets,
}: {
  canReadAnalytics: boolean;
  canManageBudgets: boolean;
}) => {
  const t = useTranslate();
  const permissions = useAuth('LlmOverviewLinks', (state) => state.permissions);
  const readable = CONFIGURATION.filter(({ uid }) =>
    permissions.some((p) => p.action === READ && p.subject === uid)
  );
  const pages = [
    { to: `${PLUGIN_BASE}/me`, label: t('nav.myUsage', 'My usage'), testId: 'me', show: true },
    {
      to: `${PLUGIN_BASE}/analytics`,
      label: t('nav.analytics', 'Analytics'),
      testId: 'analytics',
      show: canReadAnalytics,
    },
    {
      to: `${PLUGIN_BASE}/budgets`,
      label: t('nav.budgets', 'Budgets'),
      testId: 'budgets',
      show: canManageBudgets,
    },
  ].filter((page) => page.show);
  const group = (title: string, links: Array<{ to: string; label: string; testId: string }>) => (
    <Box paddingBottom={3}>
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {title}
      </Typography>
      <Flex gap={4} wrap="wrap" paddingTop={2}>
        {links.map((link) => (
          <Link
            key={link.to}
            tag={NavLink}
            to={link.to}
            data-testid={`llm-overview-link-${link.testId}`}
          >
            {link.label}
          </Link>
        ))}
      </Flex>
    </Box>
  );
  return (
    <Section title={t('overview.links.title', 'Go to')} testId="links">
      {group(t('overview.links.pages', 'Usage'), pages)}
      {readable.length > 0 &&
        group(
          t('overview.links.configuration', 'Configuration'),
          readable.map(({ uid, label, testId }) => ({
            to: `/content-manager/collection-types/${uid}`,
            label: t(label),
            testId,
          }))
        )}
    </Section>
  );
};
