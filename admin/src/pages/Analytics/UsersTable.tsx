import {
  Box,
  Flex,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Th,
  Typography,
  VisuallyHidden,
  type ThProps,
} from '@strapi/design-system';
import { CaretDown, CaretUp } from '@strapi/icons';
import { useIsDesktop, useIsMobile } from '@strapi/strapi/admin';
import { useMemo, useState } from 'react';
import type { UserRow } from '../../../../shared/contracts/analytics';
import { Card } from '../../components/Card';
import { DataTable } from '../../components/DataTable';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { userCells } from './userCells';
import { nextSort, visibleRows, type Sort, type SortKey, type View } from './userRows';

interface SortHeaderProps extends Pick<ThProps, 'aria-colindex' | 'coords'> {
  column: SortKey;
  label: string;
  sort: Sort;
  onSort: (column: SortKey) => void;
}

/** A header that sorts by its column. The table's row numbers its cells: those props go on. */
const SortHeader = ({ column, label, sort, onSort, ...cell }: SortHeaderProps) => (
  <Th
    {...cell}
    action={null}
    aria-sort={sort.key === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}
  >
    <Typography
      tag="button"
      type="button"
      variant="sigma"
      textColor={sort.key === column ? 'primary600' : 'neutral800'}
      onClick={() => onSort(column)}
      style={{
        background: 'none',
        border: 0,
        padding: 0,
        cursor: 'pointer',
        display: 'inline-flex',
        alignItems: 'center',
        gap: 4,
      }}
      data-testid={`llm-users-sort-${column}`}
    >
      {label}
      {sort.key === column &&
        (sort.descending ? (
          <CaretDown width="1rem" height="1rem" aria-hidden />
        ) : (
          <CaretUp width="1rem" height="1rem" aria-hidden />
        ))}
    </Typography>
  </Th>
);

interface ToolbarProps {
  view: View;
  onView: (view: View) => void;
  search: string;
  onSearch: (search: string) => void;
}

const UsersToolbar = ({ view, onView, search, onSearch }: ToolbarProps) => {
  const t = useTranslate();
  return (
    <Flex justifyContent="space-between" paddingBottom={3} gap={4} wrap="wrap">
      <Typography variant="delta" tag="h3">
        {view === 'user'
          ? t('analytics.users.title', 'Usage by user')
          : t('analytics.users.title.role', 'Usage by role')}
      </Typography>
      <Flex gap={3} wrap="wrap">
        <Box style={{ width: 240, maxWidth: '100%' }}>
          <VisuallyHidden>
            <label htmlFor="llm-users-search">{t('analytics.users.search', 'Search users')}</label>
          </VisuallyHidden>
          <TextInput
            id="llm-users-search"
            placeholder={t('analytics.users.search.placeholder', 'Search name, e-mail, role')}
            value={search}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => onSearch(e.target.value)}
          />
        </Box>
        <Box style={{ width: 160 }}>
          <SingleSelect
            aria-label={t('analytics.users.viewBy', 'View by')}
            value={view}
            onChange={(v: string | number) => onView(v as View)}
          >
            <SingleSelectOption value="user">
              {t('analytics.users.viewBy.user', 'By user')}
            </SingleSelectOption>
            <SingleSelectOption value="role">
              {t('analytics.users.viewBy.role', 'By role')}
            </SingleSelectOption>
          </SingleSelect>
        </Box>
      </Flex>
    </Flex>
  );
};

const COLUMNS = ['name', 'requests', 'tokens', 'cost', 'trend', 'models', 'budget'] as const;
type Column = (typeof COLUMNS)[number];

/** Fewer columns on smaller screens: the sparkline and models go first, then requests and tokens. */
const visibleColumns = (mobile: boolean, desktop: boolean): readonly Column[] =>
  mobile
    ? ['name', 'cost', 'budget']
    : desktop
      ? COLUMNS
      : ['name', 'requests', 'tokens', 'cost', 'budget'];

/**
 * Usage per admin user (or per role), searchable and sortable, with each user's budget. What does
 * not fit scrolls inside the table's own box, never the page.
 */
export const UsersTable = ({
  users,
  onUser,
}: {
  users: UserRow[];
  /** Narrows the page to a user (the system's calls are user 0). */
  onUser?: (userId: string) => void;
}) => {
  const t = useTranslate();
  const format = useFormat();
  const [view, setView] = useState<View>('user');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'cost', descending: true });
  const system = t('analytics.users.systemRole', 'system');
  const noRole = t('analytics.users.noRole', '(no role)');
  const rows = useMemo(
    () => visibleRows(users, view, search, sort, { system, noRole }),
    [users, view, search, sort, system, noRole]
  );
  const onSort = (column: SortKey) => setSort((s) => nextSort(s, column));
  const header = (column: SortKey, label: string) => (
    <SortHeader key={column} column={column} label={label} sort={sort} onSort={onSort} />
  );
  const columns = visibleColumns(useIsMobile(), useIsDesktop());
  // Rows by role are named, not numbered: only users can be filtered by from here.
  const filterBy = onUser && ((r: { key: string }) => onUser(r.key === 'system' ? '0' : r.key));
  const pick = <T,>(all: T[]) => all.filter((_, i) => columns.includes(COLUMNS[i]));

  return (
    <Card padding={5} data-testid="llm-users" style={{ minWidth: 0, maxWidth: '100%' }}>
      <UsersToolbar view={view} onView={setView} search={search} onSearch={setSearch} />
      <DataTable
        columns={pick([
          header(
            'name',
            view === 'user' ? t('analytics.users.user', 'User') : t('analytics.users.role', 'Role')
          ),
          header('requests', t('analytics.figure.requests', 'Requests')),
          header('tokens', t('analytics.figure.tokens', 'Tokens')),
          header('cost', t('analytics.figure.cost', 'Cost')),
          t('analytics.users.trend', 'Trend'),
          t('analytics.users.models', 'Models'),
          t('analytics.users.budget', 'Budget this month'),
        ])}
        rows={rows.map((r) => ({
          key: r.key,
          testId: 'llm-user-row',
          cells: pick(userCells(r, t, format, view === 'user' ? filterBy : undefined)),
        }))}
      />
    </Card>
  );
};
