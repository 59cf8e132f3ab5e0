import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import type { CallContext, ResolvedTarget } from '../gateway/types';
import type { RateLimit } from '../../../shared/contracts/rate-limits';
import type { RateCounterKey } from './counters';
import { createRoleCache } from '../utils/admin-roles';
import { createTimedCache } from '../utils/timed-cache';

/** How long the enabled limits and a user's roles are reused before they are read again. */
const CACHE_MS = 10_000;

/** A limit that applies to a call, with the counter it counts on. */
export interface ApplicableLimit {
  limit: RateLimit;
  counter: RateCounterKey;
}

/**
 * Which rate limits apply to a call: the enabled limits and each user's roles, cached for a few
 * seconds (every call asks) and invalidated whenever a limit is written on this instance. A call no
 * limit can apply to costs no query at all.
 */
export function createRateLimitDirectory(strapi: Core.Strapi) {
  const roles = createRoleCache(strapi, CACHE_MS);
  // The database is away: keep what was known (the counters need the database anyway).
  const limits = createTimedCache(
    CACHE_MS,
    async () =>
      (await strapi.db.query(UID.rateLimit).findMany({ where: { enabled: true } })) as RateLimit[]
  );

  return {
    /** The limits a call is held to; a role limit counts for each member separately (its user). */
    async applicable(target: ResolvedTarget, context: CallContext): Promise<ApplicableLimit[]> {
      const list = await limits.get();
      if (list.length === 0) return [];
      const { userId, apiTokenId } = context;
      const userRoles =
        userId === null || !list.some((l) => l.scope === 'role') ? [] : await roles.rolesOf(userId);
      const configurationId = target.configuration?.id ?? null;
      return list.flatMap((limit): ApplicableLimit[] => {
        const own = { limit, counter: { limitId: limit.id, subjectId: limit.subjectId } };
        if (limit.scope === 'user') return userId === limit.subjectId ? [own] : [];
        if (limit.scope === 'apiToken') return apiTokenId === limit.subjectId ? [own] : [];
        if (limit.scope === 'configuration')
          return configurationId === limit.subjectId ? [own] : [];
        return userId !== null && userRoles.includes(limit.subjectId)
          ? [{ limit, counter: { limitId: limit.id, subjectId: userId } }]
          : [];
      });
    },
    invalidate() {
      limits.clear();
      roles.clear();
    },
  };
}

export type RateLimitDirectory = ReturnType<typeof createRateLimitDirectory>;
