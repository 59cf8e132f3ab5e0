import { validate, yup } from './validate';

/** The forecast is always this month's at "now": anything in the query string is a mistake, said so. */
export const FORECAST_QUERY = yup
  .object({})
  .noUnknown(true, 'forecast takes no query parameters (${unknown})');

export const validateForecastQuery = (query: unknown) => validate(FORECAST_QUERY, query);
