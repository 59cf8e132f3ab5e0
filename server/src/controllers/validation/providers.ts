import { MAX_API_KEY_LENGTH } from '../../../../shared/contracts/providers';
import { DOCUMENT_ID, validate, yup } from './validate';

// Printable ASCII without spaces: every provider's keys look like this, and it keeps headers clean.
const API_KEY = /^[\x21-\x7e]+$/;
const API_KEY_MESSAGE = `body.apiKey must be the key (printable characters, no spaces, at most ${MAX_API_KEY_LENGTH}) or null to remove it`;

export const DOCUMENT_ID_PARAMS = yup.object({
  documentId: yup.string().matches(DOCUMENT_ID, 'Expected a document id'),
});

/** PUT /llm/providers/:documentId/api-key: the new key, or null to remove it. */
export const SET_API_KEY_SCHEMA = yup
  .object({
    apiKey: yup
      .string()
      .strict()
      .defined(API_KEY_MESSAGE)
      .nullable()
      .typeError(API_KEY_MESSAGE)
      .max(MAX_API_KEY_LENGTH, API_KEY_MESSAGE)
      .matches(API_KEY, API_KEY_MESSAGE),
  })
  .typeError(API_KEY_MESSAGE)
  .required(API_KEY_MESSAGE);

export const validateDocumentIdParams = (params: unknown) => validate(DOCUMENT_ID_PARAMS, params);
export const validateSetApiKey = (body: unknown) => validate(SET_API_KEY_SCHEMA, body);
