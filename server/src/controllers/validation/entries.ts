import type { EstimateTask } from '../../../../shared/contracts/entries';
import { CONTENT_TYPE_UID, DOCUMENT_ID, validate, yup } from './validate';

const MAX_IDS = 1000;

/** A JSON object (not a list); `null` counts as absent where `nullIsAbsent` says so. */
const plainObject = (message: string, nullIsAbsent = false) =>
  yup
    .mixed<Record<string, unknown>>()
    .test(
      'object',
      message,
      (value) =>
        value === undefined ||
        (value === null && nullIsAbsent) ||
        (typeof value === 'object' && value !== null && !Array.isArray(value))
    );

/** An entry's address in route parameters: its content type and document id. */
export const ENTRY_PARAMS_SCHEMA = yup.object({
  uid: yup.string().matches(CONTENT_TYPE_UID, 'Expected a content type uid and a document id'),
  documentId: yup.string().matches(DOCUMENT_ID, 'Expected a document id'),
});

/** POST /llm/tasks/:id/estimate: the entries to estimate, by document ids or by filters. */
export const ESTIMATE_SCHEMA = yup
  .object({
    contentType: yup
      .string()
      .strict()
      .typeError('body.contentType must be a content type uid')
      .required('body.contentType must be a content type uid')
      .matches(CONTENT_TYPE_UID, 'body.contentType must be a content type uid'),
    // Arrays strict: yup would otherwise cast each item (123 → '123').
    documentIds: yup
      .array(
        yup
          .string()
          .strict()
          .matches(DOCUMENT_ID, `body.documentIds must be up to ${MAX_IDS} document ids`)
          .typeError(`body.documentIds must be up to ${MAX_IDS} document ids`)
      )
      .strict()
      .typeError(`body.documentIds must be up to ${MAX_IDS} document ids`)
      .max(MAX_IDS, `body.documentIds must be up to ${MAX_IDS} document ids`),
    filters: plainObject('body.filters must be an object'),
    locales: yup
      .array(yup.string().strict().max(20).typeError('body.locales must be a list of locale codes'))
      .strict()
      .typeError('body.locales must be a list of locale codes'),
  })
  .typeError('body.contentType must be a content type uid')
  .required('body.contentType must be a content type uid')
  .test(
    'selection',
    'Name the entries: body.documentIds or body.filters',
    (body) => !body || body.documentIds !== undefined || body.filters !== undefined
  );

export const validateEstimate = (body: unknown) =>
  validate(ESTIMATE_SCHEMA, body) as Promise<EstimateTask.Request['body']>;

const ENTRY_MESSAGE = 'body.entry needs a uid, a documentId and optionally a locale';
const entryText = () => yup.string().strict().typeError(ENTRY_MESSAGE);

/** POST /llm/tasks/:id/run: the template's variables, and optionally the entry whose fields fill it. */
export const RUN_SCHEMA = yup
  .object({
    variables: plainObject('body.variables must be an object', true),
    entry: yup
      .object({
        uid: entryText().required(ENTRY_MESSAGE),
        documentId: entryText().required(ENTRY_MESSAGE),
        locale: entryText().nullable(),
      })
      .default(undefined)
      .typeError(ENTRY_MESSAGE),
  })
  .typeError('body.variables must be an object');
