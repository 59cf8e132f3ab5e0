import { errors } from '@strapi/utils';
import { LOG_FILTER_KEYS, parseFilters, periodOf } from '../../../../shared/analytics-query';
import { RANGE_KEYS } from '../../../../shared/contracts/analytics';
import {
  LOG_DEFAULT_LIMIT,
  LOG_MAX_LIMIT,
  LOG_ORDERS,
  LOG_SORTS,
  type LogOrder,
  type LogSort,
} from '../../../../shared/contracts/request-log';
import { decodeCursor, type Cursor } from '../../request-log/cursor';
import type { LogQuery } from '../../request-log/log';
import { resolveLogPeriod } from '../../request-log/period';
import { recordIdSchema, validate, wholeNumber, yup } from './validate';

const one = (name: string) => yup.string().strict().typeError(`${name} must be given once`);

/** The paging and sorting part of `GET /llm/requests` (filters and the period are checked below). */
export const LOG_QUERY = yup.object({
  sort: one('sort').oneOf([...LOG_SORTS], `sort must be one of ${LOG_SORTS.join(', ')}`),
  order: one('order').oneOf([...LOG_ORDERS], `order must be one of ${LOG_ORDERS.join(', ')}`),
  range: one('range').oneOf([...RANGE_KEYS], `range must be one of ${RANGE_KEYS.join(', ')}`),
  from: one('from'),
  to: one('to'),
  cursor: one('cursor'),
  limit: wholeNumber('limit', LOG_MAX_LIMIT),
});

/** A 400 naming the parameter, in the same envelope as validate()'s. */
const refuse = (parameter: string, message: string): never => {
  throw new errors.ValidationError(message, {
    errors: [{ path: [parameter], message, name: 'ValidationError' }],
  });
};

export interface ValidLogQuery extends LogQuery {
  cursor: Cursor | null;
  limit: number;
}

/**
 * `GET /llm/requests` and its export: every parameter checked, the first problem answered as a 400
 * that names it. A cursor is only valid with the sort and order it was made for.
 */
export async function validateLogQuery(
  query: Record<string, unknown>,
  now: Date,
  timeZone: string
): Promise<ValidLogQuery> {
  const valid = await validate(LOG_QUERY, query);
  const { filters, problems } = parseFilters(query, LOG_FILTER_KEYS);
  if (problems.length > 0) refuse(problems[0].split(' ')[0], problems[0]);
  const period = resolveLogPeriod(periodOf(query), now, timeZone);
  if ('problem' in period) return refuse(period.parameter, period.problem);
  const sort = (valid.sort ?? 'time') as LogSort;
  const order = (valid.order ?? 'desc') as LogOrder;
  const cursor = valid.cursor ? decodeCursor(valid.cursor, sort, order) : null;
  if (valid.cursor && !cursor)
    refuse('cursor', 'cursor is not one this log gave for this sort and order: start again');
  return { period, filters, sort, order, cursor, limit: valid.limit ?? LOG_DEFAULT_LIMIT };
}

/** `GET /llm/requests/:id`. */
export const validateLogId = async (params: unknown) =>
  (
    await validate(
      yup.object({ id: recordIdSchema('id').required('id must be a record id') }),
      params
    )
  ).id as number;
