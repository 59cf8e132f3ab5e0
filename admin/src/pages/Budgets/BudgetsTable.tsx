import { Badge, Flex, IconButton, Typography } from '@strapi/design-system';
import { Pencil, Trash } from '@strapi/icons';
import type { Budget, ListBudgets, WindowUsage } from '../../../../shared/contracts/budgets';
import { formatCount, formatUsd } from '../../../../shared/format';
import { DataTable } from '../../components/DataTable';
import { PercentBar } from '../../components/PercentBar';

type Meta = ListBudgets.Response['meta'];

const COLUMNS = ['Name', 'Applies to', 'Per day', 'Per month', 'Used', 'Over the limit', 'Actions'];

const limitText = (b: Budget, period: 'daily' | 'monthly') =>
  [
    b[`${period}Cost`] ? formatUsd(b[`${period}Cost`]) : null,
    b[`${period}Tokens`] ? `${formatCount(b[`${period}Tokens`])} tokens` : null,
    b[`${period}Requests`] ? `${formatCount(b[`${period}Requests`])} requests` : null,
  ]
    .filter(Boolean)
    .join(' · ') || '—';

const appliesTo = (b: Budget, meta: Meta) =>
  b.scope === 'site'
    ? 'Whole site'
    : b.scope === 'user'
      ? (meta.users.find((u) => u.id === b.userId)?.name ?? `User ${b.userId}`)
      : `Each ${meta.roles.find((r) => r.id === b.roleId)?.name ?? `role ${b.roleId}`}`;

const UsageBar = ({ usage }: { usage: WindowUsage }) => (
  <Flex gap={2} alignItems="center">
    <Typography variant="pi" textColor="neutral600" style={{ minWidth: 44 }}>
      {usage.window === 'day' ? 'Today' : 'Month'}
    </Typography>
    <PercentBar percent={usage.percent} label={`${usage.window} ${usage.percent}% used`} />
    <Typography variant="pi">{usage.percent}%</Typography>
  </Flex>
);

/** How full the budget's windows are; a role budget counts per member, so it has none of its own. */
const UsageCell = ({ budget }: { budget: Budget }) =>
  budget.scope === 'role' ? (
    <Typography variant="pi" textColor="neutral600">
      per member
    </Typography>
  ) : (
    <Flex direction="column" alignItems="stretch" gap={1}>
      {budget.usage.map((u) => (
        <UsageBar key={u.window} usage={u} />
      ))}
    </Flex>
  );

interface Props {
  budgets: Budget[];
  meta: Meta;
  onEdit: (budget: Budget) => void;
  onRemove: (budget: Budget) => void;
}

export const BudgetsTable = ({ budgets, meta, onEdit, onRemove }: Props) => (
  <DataTable
    columns={COLUMNS}
    rows={budgets.map((b) => ({
      key: b.id,
      testId: 'llm-budget-row',
      cells: [
        <Flex gap={2}>
          <Typography fontWeight="bold">{b.name}</Typography>
          {!b.active && <Badge>off</Badge>}
        </Flex>,
        appliesTo(b, meta),
        limitText(b, 'daily'),
        limitText(b, 'monthly'),
        <UsageCell budget={b} />,
        b.onExceed === 'block' ? 'Block' : 'Fall back',
        <Flex gap={1}>
          <IconButton label={`Edit ${b.name}`} onClick={() => onEdit(b)}>
            <Pencil />
          </IconButton>
          <IconButton label={`Delete ${b.name}`} onClick={() => onRemove(b)}>
            <Trash />
          </IconButton>
        </Flex>,
      ],
    }))}
  />
);
