import {
  validateChatBody,
  validateEmbeddingBody,
} from '../../controllers/validation/openai-compat';
import { OpenAiRequestError } from '../errors';
import { chatOptionsOf, OPENAI_SOURCE } from '../request';
import { embeddingList, finishReasonOf } from '../responses';

const signal = new AbortController().signal;
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(OpenAiRequestError);
  return error as OpenAiRequestError;
};

describe('OpenAI-compatible request mapping', () => {
  it("maps OpenAI's messages and settings to the gateway's chat options", async () => {
    const body = await validateChatBody({
      model: 'support',
      messages: [
        { role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
        { role: 'assistant', content: 'A cat.' },
      ],
      max_tokens: 10,
      max_completion_tokens: 20,
      stop: 'END',
      seed: 7,
      user: 'u-1',
    });
    const options = chatOptionsOf(body, 3, signal);
    expect(options).toMatchObject({
      configuration: 3,
      source: OPENAI_SOURCE,
      endUser: 'u-1',
      maxOutputTokens: 20,
      stopSequences: ['END'],
      seed: 7,
      allowSystemInMessages: true,
    });
    expect(options.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', image: 'data:image/png;base64,AAAA' },
        ],
      },
      { role: 'assistant', content: 'A cat.' },
    ]);
  });

  it('refuses what it does not serve, naming the field', async () => {
    const base = { model: 'm', messages: [{ role: 'user', content: 'x' }] };
    expect((await refusal(validateChatBody({ ...base, tools: [] }))).param).toBe('tools');
    expect((await refusal(validateChatBody({ ...base, temperature: '1' }))).param).toBe(
      'temperature'
    );
    expect((await refusal(validateChatBody({ ...base, n: 2 }))).param).toBe('n');
    expect(
      (await refusal(validateChatBody({ ...base, response_format: { type: 'json_object' } }))).param
    ).toBe('response_format.type');
    // Only data URLs: the endpoint never has the server fetch an image (https included).
    for (const url of ['file:///etc/passwd', 'https://example.com/cat.png']) {
      const image = await validateChatBody({
        ...base,
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }],
      });
      expect(() => chatOptionsOf(image, 1, signal)).toThrow(OpenAiRequestError);
    }
    expect((await refusal(validateEmbeddingBody({ model: 'e', input: [] }))).param).toBe('input');
    expect(
      (await refusal(validateEmbeddingBody({ model: 'e', input: 'x', dimensions: 3 }))).param
    ).toBe('dimensions');
  });

  it("shapes finish reasons and base64 embeddings as OpenAI's", () => {
    expect(finishReasonOf('content-filter')).toBe('content_filter');
    expect(finishReasonOf('length')).toBe('length');
    expect(finishReasonOf('other')).toBe('stop');
    const usage = { requestId: 'r', inputTokens: 4 } as never;
    const [item] = embeddingList('e', [[0.5, -0.25]], usage, 'base64').data;
    const bytes = Buffer.from(item.embedding as string, 'base64');
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, 2))).toEqual([0.5, -0.25]);
  });
});
