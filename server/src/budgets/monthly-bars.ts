import type { UserRow } from '../../../shared/contracts/analytics';
import { formatNanoUsd, parseUsd } from '../pricing/money';
import type { BudgetRecord } from './limits';
import type { PeriodUse } from './use';

export type MonthlyBar = NonNullable<UserRow['budget']>;

/** The monthly cost budgets that apply to each user: their own, and their roles'. */
export const applyingTo = (
  users: Array<{ id: number; roleIds: number[] }>,
  monthly: BudgetRecord[]
): Array<{ user: number; budget: BudgetRecord }> =>
  users.flatMap((user) =>
    monthly
      .filter(
        (b) =>
          (b.scope === 'user' && b.userId === user.id) ||
          (b.scope === 'role' && b.roleId != null && user.roleIds.includes(b.roleId))
      )
      .map((budget) => ({ user: user.id, budget }))
  );

/**
 * Per user, the monthly cost budget that is fullest this month (on a tie, the smaller limit):
 * `uses[i]` is the counter of `applying[i]`.
 */
export function fullestBars(
  applying: Array<{ user: number; budget: BudgetRecord }>,
  uses: PeriodUse[]
): Map<number, MonthlyBar> {
  const bars = new Map<number, { bar: MonthlyBar; limit: bigint }>();
  applying.forEach(({ user, budget }, i) => {
    const limit = parseUsd(budget.monthlyCost)!;
    const used = uses[i].month.costNano;
    const percent = limit === 0n ? 100 : Number((used * 100n) / limit);
    const best = bars.get(user);
    if (
      best &&
      (best.bar.percent > percent || (best.bar.percent === percent && best.limit <= limit))
    )
      return;
    bars.set(user, {
      bar: {
        monthCostUsd: formatNanoUsd(used),
        limitUsd: formatNanoUsd(limit),
        percent,
        name: budget.name,
      },
      limit,
    });
  });
  return new Map([...bars].map(([user, { bar }]) => [user, bar]));
}
