import { Box, Divider, Link } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { SubNav, useRBAC } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { useTranslate } from '../hooks/useTranslate';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';

/** Where the plugin's pages live in the admin (absolute, so links work from any of its pages). */
export const PLUGIN_BASE = `/plugins/${PLUGIN_ID}`;

/** The plugin's menu entries the signed-in user may open; the others are not shown at all. */
function usePluginLinks() {
  const t = useTranslate();
  const analytics = useRBAC(PERMISSIONS.analytics);
  const budgets = useRBAC(PERMISSIONS.budgets);
  const settings = useRBAC(PERMISSIONS.settings);
  return [
    { to: '', label: t('nav.overview', 'Overview'), end: true },
    { to: 'me', label: t('nav.myUsage', 'My usage') },
    ...(analytics.allowedActions.canRead
      ? [
          { to: 'analytics', label: t('nav.analytics', 'Analytics') },
          { to: 'requests', label: t('nav.requests', 'Request log') },
        ]
      : []),
    ...(budgets.allowedActions.canManage
      ? [{ to: 'budgets', label: t('nav.budgets', 'Budgets') }]
      : []),
    ...(settings.allowedActions.canManage
      ? [{ to: 'access', label: t('nav.access', 'Access') }]
      : []),
  ];
}

/**
 * The plugin's own navigation, built as Strapi 5.54's Settings and Content Manager build theirs (the
 * admin's SubNav): beside the pages from the medium breakpoint up; below it, where Strapi hides
 * the side navigation, the same menu is a page of its own (`isFullPage`, the `menu` route).
 */
export const PluginNav = ({ isFullPage = false }: { isFullPage?: boolean }) => {
  const t = useTranslate();
  const links = usePluginLinks();
  const name = t('plugin.name', 'LLM');
  const header = (
    <>
      <SubNav.Header label={name} />
      <Divider />
    </>
  );
  return (
    <SubNav.Main aria-label={name} isFullPage={isFullPage}>
      {!isFullPage && header}
      <SubNav.Content>
        {isFullPage && header}
        <SubNav.Sections>
          {[
            <SubNav.Section key="usage" label={t('nav.usage', 'Usage')}>
              {links.map((link) => (
                <SubNav.Link
                  key={link.to}
                  to={link.to ? `${PLUGIN_BASE}/${link.to}` : PLUGIN_BASE}
                  end={link.end}
                  label={link.label}
                  data-testid={`llm-nav-${link.to || 'overview'}${isFullPage ? '-mobile' : ''}`}
                />
              ))}
            </SubNav.Section>,
          ]}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
};

/**
 * Below the medium breakpoint, the way back to the plugin's menu (as Settings shows a back link
 * there): Strapi hides the side navigation at phone width.
 */
export const MobileMenuLink = () => {
  const t = useTranslate();
  return (
    <Box
      display={{ initial: 'block', medium: 'none' }}
      paddingLeft={4}
      paddingRight={4}
      paddingTop={4}
    >
      <Link
        tag={NavLink}
        to={`${PLUGIN_BASE}/menu`}
        startIcon={<ArrowLeft />}
        data-testid="llm-mobile-menu-link"
      >
        {t('nav.menu', 'LLM menu')}
      </Link>
    </Box>
  );
};
