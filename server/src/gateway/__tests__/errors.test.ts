import { APICallError, JSONParseError, RetryError, TypeValidationError } from 'ai';
import { LlmError, PUBLIC_MESSAGES, toLlmError, type LlmErrorCode } from '../errors';

const apiError = (statusCode: number | undefined, message: string, cause?: unknown) =>
  new APICallError({
    message,
    url: 'https://api.example.com/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    cause,
  });

const named = (name: string, message = name) => Object.assign(new Error(message), { name });

describe('LlmError', () => {
  it('answers each code with its HTTP status', () => {
    // Codes by the status a route answers with.
    const byStatus: Array<[number, LlmErrorCode[]]> = [
      [400, ['invalid_request', 'unsupported_service']],
      [404, ['not_found']],
      [409, ['inactive']],
      [403, ['not_allowed']],
      [429, ['budget_exceeded', 'rate_limit_exceeded']],
      [503, ['circuit_open']],
      [499, ['aborted']],
      [500, ['internal_error']],
      [
        502,
        [
          'provider_error',
          'provider_unreachable',
          'provider_malformed_response',
          'response_too_large',
        ],
      ],
      [504, ['provider_timeout']],
    ];
    for (const [status, codes] of byStatus)
      for (const code of codes) expect(new LlmError(code, 'x').status).toBe(status);
    const statuses = Object.fromEntries(byStatus.flatMap(([, codes]) => codes.map((c) => [c, 1])));
    expect(Object.keys(PUBLIC_MESSAGES).sort()).toEqual(Object.keys(statuses).sort());
  });

  it('is for admins only unless said otherwise, and keeps its cause and provider status', () => {
    const cause = new Error('socket hang up');
    const error = new LlmError('provider_error', 'OpenAI answered HTTP 418', {
      cause,
      providerStatus: 418,
    });
    expect(error.exposable).toBe(false);
    expect(error.cause).toBe(cause);
    expect(error.providerStatus).toBe(418);
    expect(error.name).toBe('LlmError');
    expect(new LlmError('invalid_request', 'x', { exposable: true }).exposable).toBe(true);
  });
});

describe('toLlmError: what a provider call threw → one LlmError', () => {
  it('passes an LlmError through as it is', () => {
    const error = new LlmError('budget_exceeded', 'Daily budget used up');
    expect(toLlmError(error, 'OpenAI')).toBe(error);
  });

  it.each([400, 401, 403, 404, 429, 500, 503])(
    'maps a provider HTTP %i to provider_error (502) and keeps the provider status',
    (status) => {
      const error = toLlmError(apiError(status, 'Nope'), 'OpenAI');
      expect(error).toMatchObject({
        code: 'provider_error',
        status: 502,
        providerStatus: status,
        message: `OpenAI answered HTTP ${status}: Nope`,
      });
    }
  );

  it('unwraps the AI SDK’s retry error to the last attempt’s failure', () => {
    const retry = new RetryError({
      message: 'Failed after 3 attempts',
      reason: 'maxRetriesExceeded',
      errors: [apiError(500, 'first'), apiError(503, 'Service Unavailable')],
    });
    const error = toLlmError(retry, 'Anthropic');
    expect(error).toMatchObject({
      code: 'provider_error',
      providerStatus: 503,
      message: 'Anthropic answered HTTP 503: Service Unavailable',
    });
    expect(error.cause).toBe(retry);
  });

  it('calls a 2xx answer, or one that does not parse, a malformed response', () => {
    expect(toLlmError(apiError(200, 'Invalid JSON response'), 'Mistral')).toMatchObject({
      code: 'provider_malformed_response',
      status: 502,
      message: 'Mistral sent a response that could not be parsed: Invalid JSON response',
    });
    const parse = new JSONParseError({ text: '{oops', cause: new SyntaxError('Unexpected token') });
    expect(toLlmError(apiError(undefined, 'bad body', parse), 'Mistral').code).toBe(
      'provider_malformed_response'
    );
    expect(
      toLlmError(new TypeValidationError({ value: {}, cause: new Error('no choices') }), 'Mistral')
        .code
    ).toBe('provider_malformed_response');
  });

  it('names the network failure of a provider that could not be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    expect(toLlmError(apiError(undefined, 'Cannot connect to API', refused), 'Ollama')).toEqual(
      expect.objectContaining({
        code: 'provider_unreachable',
        status: 502,
        message: 'Ollama could not be reached (ECONNREFUSED): Cannot connect to API',
      })
    );
    // A fetch failure carries the code a few causes deep.
    const fetchFailed = new TypeError('fetch failed', {
      cause: new Error('other side closed', {
        cause: Object.assign(new Error('socket'), { code: 'UND_ERR_SOCKET' }),
      }),
    });
    expect(toLlmError(fetchFailed, 'DeepL')).toMatchObject({
      code: 'provider_unreachable',
      message: 'DeepL could not be reached (UND_ERR_SOCKET)',
    });
    expect(toLlmError(apiError(undefined, 'Cannot connect'), 'Ollama').message).toBe(
      'Ollama could not be reached: Cannot connect'
    );
  });

  it('tells a timeout from an abort', () => {
    expect(toLlmError(named('TimeoutError'), 'OpenAI', { timeoutMs: 5000 })).toMatchObject({
      code: 'provider_timeout',
      status: 504,
      message: 'OpenAI did not answer within 5000 ms',
    });
    // The gateway's own timer aborts the call: an AbortError while a timeout was set is a timeout.
    expect(toLlmError(named('AbortError'), 'OpenAI', { timeoutMs: 300 }).code).toBe(
      'provider_timeout'
    );
    expect(toLlmError(apiError(undefined, 'x', named('TimeoutError')), 'OpenAI').message).toBe(
      'OpenAI did not answer within ? ms'
    );
    expect(toLlmError(named('AbortError'), 'OpenAI')).toMatchObject({
      code: 'aborted',
      status: 499,
      message: 'The call to OpenAI was aborted',
    });
    expect(
      toLlmError(named('TimeoutError'), 'OpenAI', { abortedByCaller: true, timeoutMs: 5000 })
    ).toMatchObject({ code: 'aborted', message: 'The call to OpenAI was aborted by the caller' });
  });

  it('reads the HTTP status of errors that are not the AI SDK’s (deepl-node)', () => {
    const quota = Object.assign(new Error('Quota exceeded'), { statusCode: 456 });
    expect(toLlmError(quota, 'DeepL')).toMatchObject({
      code: 'provider_error',
      providerStatus: 456,
      message: 'DeepL answered HTTP 456: Quota exceeded',
    });
  });

  it('calls anything else a provider error with its message, never exposable', () => {
    const error = toLlmError(new Error('boom'), 'Gemini');
    expect(error).toMatchObject({ code: 'provider_error', message: 'Gemini failed: boom' });
    expect(error.providerStatus).toBeUndefined();
    expect(error.exposable).toBe(false);
    expect(toLlmError('oops', 'Gemini').message).toBe('Gemini failed: oops');
  });
});
