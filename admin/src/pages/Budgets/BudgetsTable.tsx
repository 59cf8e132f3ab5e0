import { Badge, Flex, IconButton, Typography } from '@strapi/design-system';
import { Pencil, Trash } from '@strapi/icons';
import type { Budget, ListBudgets, WindowUsage } from '../../../../shared/contracts/budgets';
import { DataTable } from '../../components/DataTable';
import { PercentBar } from '../../components/PercentBar';
import { useFormat, type Format } from '../../hooks/useFormat';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import { RunOutCell } from './RunOutList';

type Meta = ListBudgets.Response['meta'];

const columns = (t: Translate) => [
  t('budgets.column.name', 'Name'),
  t('budgets.column.appliesTo', 'Applies to'),
  t('budgets.column.perDay', 'Per day'),
  t('budgets.column.perMonth', 'Per month'),
  t('budgets.column.used', 'Used'),
  t('budgets.column.runsOut', 'Forecast'),
  t('budgets.column.onExceed', 'Over the limit'),
  t('budgets.column.actions', 'Actions'),
];

/** "$25.00 · 500 requests": a window's limits, or a dash without any. */
const limitText = (b: Budget, period: 'daily' | 'monthly', t: Translate, format: Format) => {
  const [cost, tokens, requests] = [
    b[`${period}Cost`],
    b[`${period}Tokens`],
    b[`${period}Requests`],
  ];
  return (
    [
      cost ? format.usd(cost) : null,
      tokens
        ? t('budgets.limit.tokens', '{count, plural, one {{n} token} other {{n} tokens}}', {
            count: tokens,
            n: format.number(Number(tokens)),
          })
        : null,
      requests
        ? t('budgets.limit.requests', '{count, plural, one {{n} request} other {{n} requests}}', {
            count: requests,
            n: format.number(Number(requests)),
          })
        : null,
    ]
      .filter(Boolean)
      .join(' · ') || '—'
  );
};

const appliesTo = (b: Budget, meta: Meta, t: Translate) => {
  if (b.scope === 'site') return t('budgets.appliesTo.site', 'Whole site');
  if (b.scope === 'apiToken') {
    const token = meta.apiTokens.find((a) => a.id === b.apiTokenId)?.name;
    return token
      ? t('budgets.appliesTo.apiToken', 'API token {name}', { name: token })
      : t('budgets.appliesTo.apiTokenId', 'API token {id}', { id: String(b.apiTokenId) });
  }
  if (b.scope === 'user')
    return (
      meta.users.find((u) => u.id === b.userId)?.name ??
      t('budgets.appliesTo.userId', 'User {id}', { id: String(b.userId) })
    );
  const role = meta.roles.find((r) => r.id === b.roleId)?.name;
  return role
    ? t('budgets.appliesTo.role', 'Each {role}', { role })
    : t('budgets.appliesTo.roleId', 'Each role {id}', { id: String(b.roleId) });
};

const UsageBar = ({ usage }: { usage: WindowUsage }) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <Flex gap={2} alignItems="center" style={{ minWidth: '16rem' }}>
      <Typography variant="pi" textColor="neutral600" style={{ minWidth: 44 }}>
        {usage.window === 'day'
          ? t('budgets.window.day', 'Today')
          : t('budgets.window.month', 'Month')}
      </Typography>
      <PercentBar
        percent={usage.percent}
        label={t(
          'budgets.window.used',
          '{window, select, day {day} other {month}} {percent}% used',
          { window: usage.window, percent: usage.percent }
        )}
      />
      <Typography
        variant="pi"
        textColor={usage.percent >= 100 ? 'danger600' : 'neutral800'}
        style={{ minWidth: 40, textAlign: 'end' }}
      >
        {format.percent(usage.percent / 100)}
      </Typography>
    </Flex>
  );
};

/** How full the budget's windows are; a role budget counts per member, so it has none of its own. */
const UsageCell = ({ budget }: { budget: Budget }) => {
  const t = useTranslate();
  return budget.scope === 'role' ? (
    <Typography variant="pi" textColor="neutral600">
      {t('budgets.perMember', 'per member')}
    </Typography>
  ) : (
    <Flex direction="column" alignItems="stretch" gap={1}>
      {budget.usage.map((u) => (
        <UsageBar key={u.window} usage={u} />
      ))}
    </Flex>
  );
};

interface Props {
  budgets: Budget[];
  meta: Meta;
  onEdit: (budget: Budget) => void;
  onRemove: (budget: Budget) => void;
}

export const BudgetsTable = ({ budgets, meta, onEdit, onRemove }: Props) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <DataTable
      columns={columns(t)}
      rows={budgets.map((b) => ({
        key: b.id,
        testId: 'llm-budget-row',
        cells: [
          <Flex gap={2}>
            <Typography fontWeight="bold">{b.name}</Typography>
            {!b.active && <Badge>{t('budgets.inactive', 'off')}</Badge>}
          </Flex>,
          appliesTo(b, meta, t),
          limitText(b, 'daily', t, format),
          limitText(b, 'monthly', t, format),
          <UsageCell budget={b} />,
          <RunOutCell budgetId={b.id} />,
          b.onExceed === 'block'
            ? t('budgets.onExceed.block', 'Block')
            : t('budgets.onExceed.fallback', 'Fall back'),
          <Flex gap={1}>
            <IconButton
              label={t('budgets.edit', 'Edit {name}', { name: b.name })}
              onClick={() => onEdit(b)}
            >
              <Pencil />
            </IconButton>
            <IconButton
              label={t('budgets.delete', 'Delete {name}', { name: b.name })}
              onClick={() => onRemove(b)}
            >
              <Trash />
            </IconButton>
          </Flex>,
        ],
      }))}
    />
  );
};
