import type { Knex } from 'knex';
import { isBlocked } from '../usage/metrics';
import { tagsOf } from '../usage/members';
import type { Group } from './aggregate';
import { ZERO_SUMS } from './sums';

/**
 * The tag breakdown of a filtered view. Unfiltered, the `tag` rollups answer it; under a filter the
 * tags are read from the matching calls' metadata (untagged calls are not read at all) and folded
 * here exactly as the rollups fold them: one row per tag, a call with two tags counted in both.
 */
export async function tagGroups(
  query: Knex.QueryBuilder,
  u: (attribute: string) => string
): Promise<Group[]> {
  const rows = (await query.select(
    `${u('metadata')} as metadata`,
    `${u('success')} as success`,
    `${u('errorCode')} as errorCode`,
    `${u('inputTokens')} as inputTokens`,
    `${u('outputTokens')} as outputTokens`,
    `${u('costNano')} as costNano`,
    `${u('costRemainderFemto')} as costRemainderFemto`
  )) as Array<Record<string, unknown>>;
  const out = new Map<string, Group>();
  for (const row of rows) {
    const metadata = typeof row.metadata === 'string' ? safeJson(row.metadata) : row.metadata;
    const success = Boolean(row.success);
    for (const tag of tagsOf(metadata as Record<string, unknown> | null)) {
      if (tag === '') continue;
      const group = out.get(tag) ?? { tag, sums: { ...ZERO_SUMS } };
      out.set(tag, group);
      const s = group.sums;
      if (isBlocked({ errorCode: (row.errorCode as string | null) ?? null })) {
        s.blocked += 1n;
        continue;
      }
      s.requests += 1n;
      if (!success) s.failures += 1n;
      if (success && row.costNano === null) s.unpricedRequests += 1n;
      s.inputTokens += BigInt(Number(row.inputTokens ?? 0));
      s.outputTokens += BigInt(Number(row.outputTokens ?? 0));
      s.costNano += BigInt(String(row.costNano ?? 0));
      s.costRemainderFemto += BigInt(Number(row.costRemainderFemto ?? 0));
    }
  }
  return [...out.values()];
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};
