import {
  Badge,
  Box,
  Flex,
  ProgressBar,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { useMemo, useState } from 'react';
import { Line, LineChart } from 'recharts';
import type { UserRow } from '../../../../shared/contracts/analytics';
import { addUsd, formatCount, formatUsd } from '../../../../shared/format';
import { colorAt } from '../../components/charts/series';

type SortKey = 'name' | 'requests' | 'tokens' | 'cost';

/** A table row: a user, or (viewed by role) a role with its members' sums. */
type Row = Omit<UserRow, 'userId'> & { key: string };

const asRow = ({ userId, ...u }: UserRow): Row => ({ ...u, key: String(userId ?? 'system') });

/** One row per role (a user in two roles counts in both): the "by role" view. */
function byRole(users: UserRow[]): Row[] {
  const roles = new Map<string, Row>();
  for (const u of users) {
    for (const role of u.roles.length ? u.roles : [u.userId === null ? 'system' : '(no role)']) {
      const r = roles.get(role) ?? {
        key: role,
        name: role,
        email: null,
        roles: [],
        requests: 0,
        tokens: 0,
        costUsd: '0',
        unpricedRequests: 0,
        sparkline: u.sparkline.map(() => 0),
        models: [],
        budget: null,
      };
      r.requests += u.requests;
      r.tokens += u.tokens;
      r.costUsd = addUsd(r.costUsd, u.costUsd);
      r.unpricedRequests += u.unpricedRequests;
      r.sparkline = r.sparkline.map((v, i) => v + (u.sparkline[i] ?? 0));
      r.models = [...new Set([...r.models, ...u.models])];
      roles.set(role, r);
    }
  }
  return [...roles.values()];
}

const Sparkline = ({ values, label }: { values: number[]; label: string }) => (
  <Box aria-label={label} role="img">
    <LineChart width={96} height={26} data={values.map((v, i) => ({ i, v }))}>
      <Line
        type="monotone"
        dataKey="v"
        stroke={colorAt(0)}
        strokeWidth={1.5}
        dot={false}
        isAnimationActive={false}
      />
    </LineChart>
  </Box>
);

export const UsersTable = ({ users }: { users: UserRow[] }) => {
  const [view, setView] = useState<'user' | 'role'>('user');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'cost',
    descending: true,
  });

  const rows = useMemo(() => {
    const base = view === 'user' ? users.map(asRow) : byRole(users);
    const needle = search.trim().toLowerCase();
    const filtered = needle
      ? base.filter((r) =>
          `${r.name} ${r.email ?? ''} ${r.roles.join(' ')}`.toLowerCase().includes(needle)
        )
      : base;
    const value = (r: Row) =>
      sort.key === 'name'
        ? r.name.toLowerCase()
        : sort.key === 'cost'
          ? Number(r.costUsd)
          : r[sort.key];
    return [...filtered].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order = x < y ? -1 : x > y ? 1 : 0;
      return sort.descending ? -order : order;
    });
  }, [users, view, search, sort]);

  const header = (key: SortKey, label: string) => (
    <Th
      action={null}
      aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        onClick={() =>
          setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'name' }))
        }
        style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
        data-testid={`llm-users-sort-${key}`}
      >
        <Typography variant="sigma">
          {label}
          {sort.key === key ? (sort.descending ? ' ↓' : ' ↑') : ''}
        </Typography>
      </button>
    </Th>
  );

  return (
    <Box background="neutral0" padding={5} hasRadius shadow="filterShadow" data-testid="llm-users">
      <Flex justifyContent="space-between" paddingBottom={3} gap={4} wrap="wrap">
        <Typography variant="delta" tag="h3">
          {view === 'user' ? 'Usage by user' : 'Usage by role'}
        </Typography>
        <Flex gap={3}>
          <Box style={{ width: 240 }}>
            <VisuallyHidden>
              <label htmlFor="llm-users-search">Search users</label>
            </VisuallyHidden>
            <TextInput
              id="llm-users-search"
              placeholder="Search name, e-mail, role"
              value={search}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSearch(e.target.value)}
            />
          </Box>
          <Box style={{ width: 160 }}>
            <SingleSelect
              aria-label="View by"
              value={view}
              onChange={(v: string | number) => setView(v as 'user' | 'role')}
            >
              <SingleSelectOption value="user">By user</SingleSelectOption>
              <SingleSelectOption value="role">By role</SingleSelectOption>
            </SingleSelect>
          </Box>
        </Flex>
      </Flex>
      <Table colCount={7} rowCount={rows.length + 1}>
        <Thead>
          <Tr>
            {header('name', view === 'user' ? 'User' : 'Role')}
            {header('requests', 'Requests')}
            {header('tokens', 'Tokens')}
            {header('cost', 'Cost')}
            <Th>
              <Typography variant="sigma">Trend</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Models</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Budget this month</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((r) => (
            <Tr key={r.key} data-testid="llm-user-row">
              <Td>
                <Flex direction="column" alignItems="flex-start">
                  <Typography fontWeight="bold">{r.name}</Typography>
                  {r.email && (
                    <Typography variant="pi" textColor="neutral600">
                      {r.email}
                    </Typography>
                  )}
                  <Flex gap={1} paddingTop={1}>
                    {r.roles.map((role) => (
                      <Badge key={role}>{role}</Badge>
                    ))}
                  </Flex>
                </Flex>
              </Td>
              <Td>
                <Typography>{formatCount(r.requests)}</Typography>
              </Td>
              <Td>
                <Typography>{formatCount(r.tokens)}</Typography>
              </Td>
              <Td>
                <Typography>{formatUsd(r.costUsd)}</Typography>
                {r.unpricedRequests > 0 && (
                  <Typography variant="pi" textColor="warning600">
                    {' '}
                    +{r.unpricedRequests} unpriced
                  </Typography>
                )}
              </Td>
              <Td>
                <Sparkline values={r.sparkline} label={`Requests over the range for ${r.name}`} />
              </Td>
              <Td>
                <Typography variant="pi">
                  {r.models.slice(0, 3).join(', ')}
                  {r.models.length > 3 ? ` +${r.models.length - 3}` : ''}
                </Typography>
              </Td>
              <Td>
                {r.budget ? (
                  <Flex
                    direction="column"
                    alignItems="stretch"
                    gap={1}
                    data-testid="llm-budget-bar"
                  >
                    <ProgressBar
                      value={Math.min(r.budget.percent, 100)}
                      size="S"
                      aria-label={`${r.budget.percent}% of the monthly budget`}
                    />
                    <Typography
                      variant="pi"
                      textColor={r.budget.percent >= 100 ? 'danger600' : 'neutral600'}
                    >
                      {formatUsd(r.budget.monthCostUsd)} of {formatUsd(r.budget.limitUsd)} (
                      {r.budget.percent}%)
                    </Typography>
                  </Flex>
                ) : (
                  <Typography variant="pi" textColor="neutral500">
                    —
                  </Typography>
                )}
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Box>
  );
};
