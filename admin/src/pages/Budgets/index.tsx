import {
  Badge,
  Box,
  Button,
  Flex,
  IconButton,
  ProgressBar,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import type {
  Budget,
  BudgetInput,
  ListBudgets,
  WindowUsage,
} from '../../../../shared/contracts/budgets';
import { formatCount, formatUsd } from '../../../../shared/format';
import { PERMISSIONS } from '../../permissions';
import { PLUGIN_ID } from '../../pluginId';
import { serverMessage } from '../../utils/requestError';
import { BudgetForm } from './BudgetForm';

type Meta = ListBudgets.Response['meta'];

const limitText = (b: Budget, period: 'daily' | 'monthly') =>
  [
    b[`${period}Cost`] ? formatUsd(b[`${period}Cost`]) : null,
    b[`${period}Tokens`] ? `${formatCount(b[`${period}Tokens`])} tokens` : null,
    b[`${period}Requests`] ? `${formatCount(b[`${period}Requests`])} requests` : null,
  ]
    .filter(Boolean)
    .join(' · ') || '—';

const UsageBar = ({ usage }: { usage: WindowUsage }) => (
  <Flex gap={2} alignItems="center">
    <Typography variant="pi" textColor="neutral600" style={{ minWidth: 44 }}>
      {usage.window === 'day' ? 'Today' : 'Month'}
    </Typography>
    <ProgressBar
      value={Math.min(usage.percent, 100)}
      size="S"
      aria-label={`${usage.window} ${usage.percent}% used`}
    />
    <Typography variant="pi">{usage.percent}%</Typography>
  </Flex>
);

const BudgetsPage = () => {
  const { get, post, put, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [budgets, setBudgets] = useState<Budget[] | null>(null);
  const [meta, setMeta] = useState<Meta | null>(null);
  const [editing, setEditing] = useState<Budget | 'new' | null>(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    try {
      const { data } = await get<ListBudgets.Response>(`/${PLUGIN_ID}/budgets`);
      setBudgets(data.data);
      setMeta(data.meta);
    } catch {
      setFailed(true);
    }
  }, [get]);

  useEffect(() => {
    void load();
  }, [load]);

  const save = async (input: BudgetInput): Promise<string | null> => {
    try {
      if (editing === 'new') await post(`/${PLUGIN_ID}/budgets`, input);
      else if (editing) await put(`/${PLUGIN_ID}/budgets/${editing.id}`, input);
      setEditing(null);
      toggleNotification({ type: 'success', message: 'Budget saved' });
      await load();
      return null;
    } catch (error) {
      return serverMessage(error) ?? 'The budget could not be saved';
    }
  };

  const remove = async (budget: Budget) => {
    await del(`/${PLUGIN_ID}/budgets/${budget.id}`);
    toggleNotification({ type: 'success', message: `Budget "${budget.name}" deleted` });
    await load();
  };

  if (failed) return <Page.Error />;
  if (!budgets || !meta) return <Page.Loading />;

  const appliesTo = (b: Budget) =>
    b.scope === 'site'
      ? 'Whole site'
      : b.scope === 'user'
        ? (meta.users.find((u) => u.id === b.userId)?.name ?? `User ${b.userId}`)
        : `Each ${meta.roles.find((r) => r.id === b.roleId)?.name ?? `role ${b.roleId}`}`;

  return (
    <Page.Main>
      <Page.Title>LLM budgets</Page.Title>
      <Layouts.Header
        title="Budgets"
        subtitle={`Limits checked before every LLM call. Days and months in ${meta.timeZone}.`}
        primaryAction={
          <Button startIcon={<Plus />} onClick={() => setEditing('new')}>
            Add a budget
          </Button>
        }
      />
      <Layouts.Content>
        {budgets.length === 0 ? (
          <Box background="neutral0" padding={8} hasRadius shadow="filterShadow">
            <Typography>No budget yet: every user may spend without limit.</Typography>
          </Box>
        ) : (
          <Table colCount={7} rowCount={budgets.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">Name</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Applies to</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Per day</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Per month</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Used</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Over the limit</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Actions</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {budgets.map((b) => (
                <Tr key={b.id} data-testid="llm-budget-row">
                  <Td>
                    <Flex gap={2}>
                      <Typography fontWeight="bold">{b.name}</Typography>
                      {!b.active && <Badge>off</Badge>}
                    </Flex>
                  </Td>
                  <Td>
                    <Typography>{appliesTo(b)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{limitText(b, 'daily')}</Typography>
                  </Td>
                  <Td>
                    <Typography>{limitText(b, 'monthly')}</Typography>
                  </Td>
                  <Td>
                    {b.scope === 'role' ? (
                      <Typography variant="pi" textColor="neutral600">
                        per member
                      </Typography>
                    ) : (
                      <Flex direction="column" alignItems="stretch" gap={1}>
                        {b.usage.map((u) => (
                          <UsageBar key={u.window} usage={u} />
                        ))}
                      </Flex>
                    )}
                  </Td>
                  <Td>
                    <Typography>{b.onExceed === 'block' ? 'Block' : 'Fall back'}</Typography>
                  </Td>
                  <Td>
                    <Flex gap={1}>
                      <IconButton label={`Edit ${b.name}`} onClick={() => setEditing(b)}>
                        <Pencil />
                      </IconButton>
                      <IconButton label={`Delete ${b.name}`} onClick={() => void remove(b)}>
                        <Trash />
                      </IconButton>
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
      {editing && (
        <BudgetForm
          initial={editing === 'new' ? undefined : editing}
          meta={meta}
          onSubmit={save}
          onClose={() => setEditing(null)}
        />
      )}
    </Page.Main>
  );
};

export const ProtectedBudgetsPage = () => (
  <Page.Protect permissions={PERMISSIONS.budgets}>
    <BudgetsPage />
  </Page.Protect>
);
