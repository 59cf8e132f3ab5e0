import type { UserRow } from '../../../shared/contracts/analytics';
import { adminName } from '../utils/admin-user';
import type { Group } from './aggregate';
import type { ResolvedRange } from './range';
import { byCostThenRequests, femtoOf, groupsByUser, n, tokensOf, usd, used } from './sums';

/** An admin user as the users table names them. */
export interface AdminUser {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
  roles?: Array<{ id: number; name: string }>;
}

const nameOf = (id: number, admin: AdminUser | undefined) =>
  id === 0 ? 'system' : admin ? adminName(admin) : `user #${id}`;

/**
 * The users table: a row per user with usage (deleted users keep their id), with a requests
 * sparkline over the range's buckets, their models by cost, and their monthly budget bar.
 */
export function userRows(input: {
  range: ResolvedRange;
  byUser: Group[];
  byUserBucket: Group[];
  byUserModel: Group[];
  admins: AdminUser[];
  bars: Map<number, NonNullable<UserRow['budget']>>;
  modelLabel: (id: string) => string;
}): UserRow[] {
  const { range } = input;
  const adminById = new Map(input.admins.map((a) => [a.id, a]));
  const sparkIndex = new Map(range.buckets.map((b, i) => [b, i]));
  const bucketsByUser = groupsByUser(input.byUserBucket);
  const modelsByUser = groupsByUser(input.byUserModel);
  const sparklineOf = (id: number) => {
    const sparkline = new Array(range.buckets.length).fill(0);
    for (const s of bucketsByUser.get(id) ?? [])
      if (sparkIndex.has(String(s.bucket)))
        sparkline[sparkIndex.get(String(s.bucket))!] = n(s.sums.requests);
    return sparkline;
  };
  const modelsOf = (id: number) =>
    (modelsByUser.get(id) ?? [])
      .filter((m) => used(m.sums))
      .sort((a, b) =>
        femtoOf(b.sums) > femtoOf(a.sums) ? 1 : femtoOf(b.sums) < femtoOf(a.sums) ? -1 : 0
      )
      .map((m) => input.modelLabel(String(m.modelId)));
  return input.byUser
    .filter((g) => used(g.sums))
    .map((g) => {
      const id = Number(g.userId);
      const admin = adminById.get(id);
      return {
        userId: id === 0 ? null : id,
        name: nameOf(id, admin),
        email: admin?.email ?? null,
        roles: (admin?.roles ?? []).map((r) => r.name),
        requests: n(g.sums.requests),
        tokens: n(tokensOf(g.sums)),
        costUsd: usd(g.sums),
        unpricedRequests: n(g.sums.unpricedRequests),
        sparkline: sparklineOf(id),
        models: modelsOf(id),
        budget: id === 0 ? null : (input.bars.get(id) ?? null),
        femto: femtoOf(g.sums),
      };
    })
    .sort(byCostThenRequests)
    .map(({ femto: _femto, ...row }) => row);
}
