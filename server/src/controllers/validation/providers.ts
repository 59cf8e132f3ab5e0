import {
  MAX_API_KEY_LENGTH,
  MAX_IMPORTED_MODELS,
  MAX_MODEL_ID_LENGTH,
  MODEL_CAPABILITIES,
} from '../../../../shared/contracts/providers';
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

const IMPORT_MESSAGE = `body.models must list the models to create (1 to ${MAX_IMPORTED_MODELS}), each with its modelId`;

/** POST /llm/providers/:documentId/models/import: the chosen models and whether to pin prices. */
export const IMPORT_MODELS_SCHEMA = yup
  .object({
    models: yup
      .array(
        yup
          .object({
            modelId: yup
              .string()
              .strict()
              .trim()
              .required()
              .min(1)
              .max(MAX_MODEL_ID_LENGTH, `modelId: at most ${MAX_MODEL_ID_LENGTH} characters`),
            // A provider's name longer than a model record holds is cut (discovery.ts), not refused.
            displayName: yup.string().strict().max(2000).optional(),
            capabilities: yup
              .array(
                yup
                  .string()
                  .strict()
                  .oneOf([...MODEL_CAPABILITIES])
                  .required()
              )
              .optional(),
          })
          .noUnknown()
          .required()
      )
      .typeError(IMPORT_MESSAGE)
      .required(IMPORT_MESSAGE)
      .min(1, IMPORT_MESSAGE)
      .max(MAX_IMPORTED_MODELS, IMPORT_MESSAGE),
    pinPrices: yup.boolean().strict().required('body.pinPrices must be true or false'),
  })
  .noUnknown()
  .typeError(IMPORT_MESSAGE)
  .required(IMPORT_MESSAGE);

export const validateImportModels = (body: unknown) => validate(IMPORT_MODELS_SCHEMA, body);
