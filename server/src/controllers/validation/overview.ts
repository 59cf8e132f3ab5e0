import { validate, yup } from './validate';

/** GET /llm/overview takes no parameters: anything in the query string is a mistake, said so. */
export const OVERVIEW_QUERY = yup
  .object({})
  .noUnknown(true, 'overview takes no query parameters (${unknown})');

export const validateOverviewQuery = (query: unknown) => validate(OVERVIEW_QUERY, query);
