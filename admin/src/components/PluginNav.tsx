import {
  SubNav,
  SubNavHeader,
  SubNavLink,
  SubNavSection,
  SubNavSections,
} from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { useTranslate } from '../hooks/useTranslate';
import { PERMISSIONS } from '../permissions';

/** The plugin's own navigation; entries the user may not open are not shown at all. */
export const PluginNav = () => {
  const t = useTranslate();
  const analytics = useRBAC(PERMISSIONS.analytics);
  const budgets = useRBAC(PERMISSIONS.budgets);
  const links = [
    { to: '', label: t('nav.overview', 'Overview'), end: true },
    { to: 'me', label: t('nav.myUsage', 'My usage') },
    ...(analytics.allowedActions.canRead
      ? [{ to: 'analytics', label: t('nav.analytics', 'Analytics') }]
      : []),
    ...(budgets.allowedActions.canManage
      ? [{ to: 'budgets', label: t('nav.budgets', 'Budgets') }]
      : []),
  ];
  const name = t('plugin.name', 'LLM');
  return (
    <SubNav aria-label={name}>
      <SubNavHeader label={name} />
      <SubNavSections>
        <SubNavSection label={t('nav.usage', 'Usage')}>
          {links.map((link) => (
            <SubNavLink
              key={link.to}
              tag={NavLink}
              to={link.to}
              end={link.end}
              data-testid={`llm-nav-${link.to || 'overview'}`}
            >
              {link.label}
            </SubNavLink>
          ))}
        </SubNavSection>
      </SubNavSections>
    </SubNav>
  );
};
