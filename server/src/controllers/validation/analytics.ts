import { errors } from '@strapi/utils';
import { FILTER_KEYS, parseFilters, type Filters } from '../../../../shared/analytics-query';

/**
 * The filters of an analytics request (shared/analytics-query.ts: the admin parses its URL with the
 * same function). A bad value is a 400 naming its key: a view never shows unfiltered figures under a
 * filter's name. The period is not validated here: a bad one falls back, with a note, in the answer.
 * On My usage the view is the user's own calls: narrowing it by user or role is refused.
 */
export function validateAnalyticsFilters(
  query: Record<string, unknown>,
  options: { mine?: boolean } = {}
): Filters {
  const { filters, problems } = parseFilters(query, FILTER_KEYS);
  if (options.mine)
    for (const key of ['user', 'role'] as const)
      if (filters[key]) problems.unshift(`${key} cannot filter your own usage`);
  if (problems.length > 0)
    throw new errors.ValidationError(problems[0], {
      errors: problems.map((message) => ({
        path: [message.split(' ')[0]],
        message,
        name: 'ValidationError',
      })),
    });
  return filters;
}
