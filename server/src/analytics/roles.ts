import type { RoleRow } from '../../../shared/contracts/analytics';
import { divRound, formatNanoUsd } from '../pricing/money';
import type { Group } from './aggregate';
import { breakdown } from './breakdown';
import { addSums, femtoOf, ZERO_SUMS } from './sums';

/**
 * Cost by role: the usage of the users currently in each role (a user in two roles counts in both,
 * so the rows need not add up to the total), with the member count and the cost per member, exact
 * to the nano-dollar. Roles without usage are listed too: a role that spends nothing is a figure.
 */
export function roleRows(
  roles: Array<{ id: number; name: string; userIds: number[] }>,
  byUser: Group[]
): RoleRow[] {
  const sumsOf = new Map(byUser.map((g) => [Number(g.userId), g.sums]));
  const grouped: Array<Group & { roleId: number }> = roles.map((role) => ({
    roleId: role.id,
    sums: role.userIds.reduce((sum, id) => addSums(sum, sumsOf.get(id) ?? ZERO_SUMS), ZERO_SUMS),
  }));
  const rows = breakdown(
    grouped,
    (g) => String((g as Group & { roleId: number }).roleId),
    (key) => roles.find((r) => String(r.id) === key)!.name,
    { keepUnused: true }
  );
  return rows.map((row) => {
    const role = roles.find((r) => String(r.id) === row.key)!;
    const group = grouped.find((g) => String(g.roleId) === row.key)!;
    const members = role.userIds.length;
    return {
      ...row,
      members,
      costPerMemberUsd:
        members === 0
          ? null
          : formatNanoUsd(divRound(femtoOf(group.sums), BigInt(members) * 1_000_000n)),
    };
  });
}
