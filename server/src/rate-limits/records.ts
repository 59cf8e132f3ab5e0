import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../content-types/schemas';
import type { RateLimit, RateLimitInput } from '../../../shared/contracts/rate-limits';

/** Where each scope's subject lives. */
const SUBJECTS: Record<RateLimitInput['scope'], { uid: string; noun: string }> = {
  user: { uid: 'admin::user', noun: 'admin user' },
  role: { uid: 'admin::role', noun: 'admin role' },
  apiToken: { uid: 'admin::api-token', noun: 'API token' },
  configuration: { uid: UID.configuration, noun: 'LLM configuration' },
};

/** A stored rate limit as the admin API returns it. */
export const toRateLimit = (record: RateLimit): RateLimit => ({
  id: record.id,
  scope: record.scope,
  subjectId: record.subjectId,
  requestsPerMinute: record.requestsPerMinute ?? null,
  tokensPerMinute: record.tokensPerMinute ?? null,
  enabled: record.enabled,
});

/** The user, role, API token or configuration a limit names must exist (a 400 on `subjectId`). */
export async function checkSubject(strapi: Core.Strapi, input: RateLimitInput) {
  const { uid, noun } = SUBJECTS[input.scope];
  const count = await strapi.db
    .query(uid as typeof UID.configuration)
    .count({ where: { id: input.subjectId } });
  if (count > 0) return;
  const message = `There is no ${noun} ${input.subjectId}: choose another one`;
  throw new errors.ValidationError(message, {
    errors: [{ path: ['subjectId'], message, name: 'ValidationError' }],
  });
}

/** Who a limit counts for: when this changes, its counters start again. */
export const subjectKeyOf = (limit: Pick<RateLimit, 'scope' | 'subjectId'>) =>
  `${limit.scope}|${limit.subjectId}`;
