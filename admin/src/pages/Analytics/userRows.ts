import type { UserRow } from '../../../../shared/contracts/analytics';
import { addUsd } from '../../../../shared/format';

export type SortKey = 'name' | 'requests' | 'tokens' | 'cost';
export type Sort = { key: SortKey; descending: boolean };
export type View = 'user' | 'role';

/** A table row: a user, or (viewed by role) a role with its members' sums. */
export type Row = Omit<UserRow, 'userId'> & { key: string };

const asRow = ({ userId, ...u }: UserRow): Row => ({ ...u, key: String(userId ?? 'system') });

/** The names of the rows of users without a role, translated: system calls, and users with none. */
export type RoleNames = { system: string; noRole: string };

/** One row per role (a user in two roles counts in both): the "by role" view. */
function byRole(users: UserRow[], names: RoleNames): Row[] {
  const roles = new Map<string, Row>();
  for (const u of users) {
    for (const role of u.roles.length
      ? u.roles
      : [u.userId === null ? names.system : names.noRole]) {
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

/** The rows of the view that match the search (name, e-mail or role), in the chosen order. */
export function visibleRows(
  users: UserRow[],
  view: View,
  search: string,
  sort: Sort,
  names: RoleNames
): Row[] {
  const base = view === 'user' ? users.map(asRow) : byRole(users, names);
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
}

/** Clicking a header: the same column flips, a new one starts descending (names ascending). */
export const nextSort = (sort: Sort, key: SortKey): Sort => ({
  key,
  descending: sort.key === key ? !sort.descending : key !== 'name',
});
