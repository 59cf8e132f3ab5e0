import {
  SubNav,
  SubNavHeader,
  SubNavLink,
  SubNavSection,
  SubNavSections,
} from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { PERMISSIONS } from '../permissions';

/** The plugin's own navigation; entries the user may not open are not shown at all. */
export const PluginNav = () => {
  const analytics = useRBAC(PERMISSIONS.analytics);
  const budgets = useRBAC(PERMISSIONS.budgets);
  const links = [
    { to: '', label: 'Overview', end: true },
    { to: 'me', label: 'My usage' },
    ...(analytics.allowedActions.canRead ? [{ to: 'analytics', label: 'Analytics' }] : []),
    ...(budgets.allowedActions.canManage ? [{ to: 'budgets', label: 'Budgets' }] : []),
  ];
  return (
    <SubNav aria-label="LLM">
      <SubNavHeader label="LLM" />
      <SubNavSections>
        <SubNavSection label="Usage">
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
