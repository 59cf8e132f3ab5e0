import { validate, yup } from './validate';

const MAX_IDS = 500;
const IDS_MESSAGE = `ids must be up to ${MAX_IDS} comma-separated record ids`;

/** `?ids=1,2,3`: the records of one list page. */
export const USAGE_COLUMNS_QUERY = yup.object({
  ids: yup
    .string()
    .strict()
    .typeError(IDS_MESSAGE)
    .test('ids', IDS_MESSAGE, (raw) => {
      const ids = raw ? raw.split(',') : [];
      return ids.length <= MAX_IDS && ids.every((id) => /^\d{1,10}$/.test(id));
    }),
});

export async function validateUsageColumnsQuery(query: unknown): Promise<{ ids: string[] }> {
  const { ids } = await validate(USAGE_COLUMNS_QUERY, query);
  return { ids: ids ? ids.split(',') : [] };
}

/** `?format=csv|json` of an analytics export (csv when absent). */
export const EXPORT_QUERY = yup.object({
  format: yup
    .mixed<'csv' | 'json'>()
    .oneOf(['csv', 'json'], 'format must be csv or json')
    .default('csv'),
});

export const validateExportQuery = (query: unknown) => validate(EXPORT_QUERY, query);
