import { errors, yup } from '@strapi/utils';

export { yup };

/**
 * Validates a request part against a yup schema, casting where the schema says so (numeric strings
 * from query strings), and answers a 400 in Strapi's envelope: the message is the first problem,
 * naming its field; `details.errors` lists every problem with its path (for forms to show them all).
 * Strapi's own `validateYupSchema` would say "2 errors occurred" instead of what they are.
 */
export async function validate<Schema extends yup.AnySchema>(
  schema: Schema,
  value: unknown
): Promise<yup.InferType<Schema>> {
  try {
    return await schema.validate(value, { abortEarly: false, stripUnknown: false });
  } catch (error) {
    if (!(error instanceof yup.ValidationError)) throw error;
    const problems = error.inner.length > 0 ? error.inner : [error];
    throw new errors.ValidationError(problems[0].message, {
      errors: problems.map((problem) => ({
        path: problem.path ? problem.path.split('.') : [],
        message: problem.message,
        name: 'ValidationError',
      })),
    });
  }
}

/** A nullable field's empty form value ('' from a text input) is no value. */
export const emptyToNull = (value: unknown, original: unknown) =>
  original === '' || original === undefined ? null : value;

/** A whole number from 1 to `max` (digits in a string count: forms and query strings send text). */
export const wholeNumber = (path: string, max: number) => {
  const message = `${path} must be a whole number from 1 to ${max}`;
  return yup
    .number()
    .transform((value, original) =>
      typeof original === 'string' && !/^\d+$/.test(original) ? NaN : value
    )
    .typeError(message)
    .integer(message)
    .min(1, message)
    .max(max, message);
};

/** A record id as Strapi stores it: 1 … 2³¹ − 1 (PostgreSQL's integer). */
export const recordIdSchema = (path: string) => wholeNumber(path, 2 ** 31 - 1);

export const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const CONTENT_TYPE_UID = /^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+$/;
