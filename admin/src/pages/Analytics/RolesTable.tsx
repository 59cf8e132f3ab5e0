import { Typography } from '@strapi/design-system';
import type { RoleRow } from '../../../../shared/contracts/analytics';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { TableSection } from './TableSection';

/**
 * Cost by role, shared by each role's current members (a user in two roles counts in both, so the
 * rows do not add up to the total). A role's name narrows the page to it.
 */
export const RolesTable = ({
  roles,
  onRole,
}: {
  roles: RoleRow[];
  onRole?: (roleId: string) => void;
}) => {
  const t = useTranslate();
  const format = useFormat();
  if (roles.length === 0) return null;
  return (
    <TableSection
      testId="llm-roles"
      title={t('analytics.roles.title', 'Cost by role')}
      subtitle={t(
        'analytics.roles.subtitle',
        'A user in several roles counts in each: the rows do not add up to the total.'
      )}
      columns={[
        t('analytics.users.role', 'Role'),
        t('analytics.roles.members', 'Members'),
        t('analytics.figure.requests', 'Requests'),
        t('analytics.figure.cost', 'Cost'),
        t('analytics.roles.costPerMember', 'Cost per member'),
      ]}
      rows={roles.map((role) => ({
        key: role.key,
        testId: 'llm-role-row',
        cells: [
          onRole ? (
            <Typography
              tag="button"
              type="button"
              fontWeight="bold"
              textColor="primary600"
              onClick={() => onRole(role.key)}
              aria-label={t('analytics.drill.filter', 'Filter by {name}', { name: role.label })}
              style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
            >
              {role.label}
            </Typography>
          ) : (
            role.label
          ),
          format.number(role.members),
          format.number(role.requests),
          format.usd(role.costUsd),
          role.costPerMemberUsd === null ? '—' : format.usd(role.costPerMemberUsd),
        ],
      }))}
    />
  );
};
