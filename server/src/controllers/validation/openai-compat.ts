import type { ChatCompletions, Embeddings } from '../../../../shared/contracts/openai-compat';
import { MAX_END_USER } from '../../gateway/context';
import { OpenAiRequestError } from '../../openai-compat/errors';
import { yup } from './validate';

/** What OpenAI's API has and this endpoint does not serve: a 400 naming the field, never ignored. */
const UNSUPPORTED = new Set([
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'functions',
  'function_call',
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'audio',
  'modalities',
  'prediction',
  'store',
  'metadata',
  'service_tier',
  'reasoning_effort',
  'web_search_options',
  'verbosity',
  'dimensions',
]);

const CHAT_FIELDS = new Set([
  'model',
  'messages',
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'n',
  'stream',
  'stream_options',
  'response_format',
  'user',
]);

const EMBEDDING_FIELDS = new Set(['model', 'input', 'encoding_format', 'user']);

/** The fields a body may have: an unsupported OpenAI field or an unknown one is refused by name. */
function checkFields(body: unknown, known: Set<string>) {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new OpenAiRequestError('The request body must be a JSON object', null);
  for (const key of Object.keys(body)) {
    if (known.has(key)) continue;
    if (UNSUPPORTED.has(key))
      throw new OpenAiRequestError(`"${key}" is not supported by this endpoint`, key);
    throw new OpenAiRequestError(`Unrecognized request argument supplied: ${key}`, key);
  }
}

const number = (min: number, max: number) => yup.number().min(min).max(max).nullable();
const wholeFrom = (min: number) => yup.number().integer().min(min).nullable();

const CHAT_SCHEMA = yup.object({
  model: yup.string().required().max(120),
  messages: yup.array().required().min(1).max(1000),
  temperature: number(0, 2),
  top_p: number(0, 1),
  max_tokens: wholeFrom(1),
  max_completion_tokens: wholeFrom(1),
  stop: yup
    .mixed<string | string[]>()
    .nullable()
    .test(
      'stop',
      'stop must be a string or an array of at most 4 strings',
      (value) =>
        value === null ||
        value === undefined ||
        typeof value === 'string' ||
        (Array.isArray(value) && value.length <= 4 && value.every((s) => typeof s === 'string'))
    ),
  seed: yup.number().integer().nullable(),
  frequency_penalty: number(-2, 2),
  presence_penalty: number(-2, 2),
  n: yup.number().nullable().oneOf([1, null], 'n must be 1: one choice per request'),
  stream: yup.boolean().nullable(),
  stream_options: yup
    .object({ include_usage: yup.boolean() })
    .noUnknown(true, 'stream_options may only have include_usage')
    .nullable()
    .default(undefined),
  response_format: yup
    .object({
      type: yup
        .string()
        .required()
        .oneOf(['text'], 'response_format: only {"type": "text"} is supported'),
    })
    .nullable()
    .default(undefined),
  user: yup.string().max(MAX_END_USER),
});

const EMBEDDING_SCHEMA = yup.object({
  model: yup.string().required().max(120),
  input: yup
    .mixed<string | string[]>()
    .required()
    .test(
      'input',
      'input must be a non-empty string or an array of 1 to 2048 non-empty strings',
      (value) =>
        (typeof value === 'string' && value.length > 0) ||
        (Array.isArray(value) &&
          value.length > 0 &&
          value.length <= 2048 &&
          value.every((s) => typeof s === 'string' && s.length > 0))
    ),
  encoding_format: yup.string().oneOf(['float', 'base64']),
  user: yup.string().max(MAX_END_USER),
});

/** Runs a schema without casting (OpenAI does not take "1" for 1); the first problem names its field. */
async function strictly<Schema extends yup.AnySchema>(schema: Schema, body: unknown) {
  try {
    return (await schema.validate(body, {
      strict: true,
      abortEarly: true,
    })) as yup.InferType<Schema>;
  } catch (error) {
    if (!(error instanceof yup.ValidationError)) throw error;
    throw new OpenAiRequestError(error.message, error.path || null);
  }
}

export async function validateChatBody(body: unknown): Promise<ChatCompletions.Request['body']> {
  checkFields(body, CHAT_FIELDS);
  return (await strictly(CHAT_SCHEMA, body)) as ChatCompletions.Request['body'];
}

export async function validateEmbeddingBody(body: unknown): Promise<Embeddings.Request['body']> {
  checkFields(body, EMBEDDING_FIELDS);
  return (await strictly(EMBEDDING_SCHEMA, body)) as Embeddings.Request['body'];
}
