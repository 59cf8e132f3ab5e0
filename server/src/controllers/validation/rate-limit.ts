import type { RateLimitInput } from '../../../../shared/contracts/rate-limits';
import { validate, yup } from './validate';

export const RATE_LIMIT_SCOPES = ['user', 'role', 'apiToken', 'configuration'] as const;
/** The counters are integer columns: 2³¹ − 1 at most. */
const PER_MINUTE_MAX = 2 ** 31 - 1;
const BODY_MESSAGE = 'The request body must be a rate limit object';

/** A positive whole number, sent as a number (no text, no casting), or empty for no limit. */
const perMinute = (path: string) => {
  const message = `${path} must be a whole number from 1 to ${PER_MINUTE_MAX}, or empty for no limit`;
  return yup
    .number()
    .strict()
    .nullable()
    .typeError(message)
    .integer(message)
    .min(1, message)
    .max(PER_MINUTE_MAX, message);
};

export const RATE_LIMIT_SCHEMA = yup
  .object({
    scope: yup
      .mixed<RateLimitInput['scope']>()
      .oneOf([...RATE_LIMIT_SCOPES], `scope must be one of ${RATE_LIMIT_SCOPES.join(', ')}`)
      .required('scope is required'),
    subjectId: yup
      .number()
      .strict()
      .typeError('subjectId must be the id of a user, role, API token or configuration')
      .integer('subjectId must be a whole number')
      .min(1, 'subjectId must be a whole number from 1')
      .max(PER_MINUTE_MAX, `subjectId must be at most ${PER_MINUTE_MAX}`)
      .required('subjectId is required'),
    requestsPerMinute: perMinute('requestsPerMinute'),
    tokensPerMinute: perMinute('tokensPerMinute'),
    enabled: yup.boolean().strict().typeError('enabled must be true or false'),
  })
  .typeError(BODY_MESSAGE)
  .required(BODY_MESSAGE)
  .test('limits', 'Set requests per minute, tokens per minute or both', function limits(value) {
    return (
      !value ||
      value.requestsPerMinute != null ||
      value.tokensPerMinute != null ||
      this.createError({
        path: 'limits',
        message: 'Set requests per minute, tokens per minute or both',
      })
    );
  });

/** Checks an admin's rate-limit form; every problem is a 400 whose `details.errors` name their fields. */
export async function validateRateLimit(body: unknown): Promise<RateLimitInput> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return validate(RATE_LIMIT_SCHEMA, null) as never;
  const valid = await validate(RATE_LIMIT_SCHEMA, body);
  return {
    scope: valid.scope,
    subjectId: valid.subjectId,
    requestsPerMinute: valid.requestsPerMinute ?? null,
    tokensPerMinute: valid.tokensPerMinute ?? null,
    enabled: valid.enabled !== false,
  };
}
