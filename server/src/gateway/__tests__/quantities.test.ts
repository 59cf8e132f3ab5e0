import { encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { promptTokenBound, textsTokenBound } from '../quantities';

describe('the bound a budget reserves for a call', () => {
  const texts = [
    'Summarise this article about trams.',
    '東京の新しい路面電車について要約してください。',
    'Émojis 🚋🚋🚋 and accents: ça, über, ñ',
    'x'.repeat(10_000),
  ];

  it('is at least the UTF-8 length of every text, so no tokenizer can count more', () => {
    for (const text of texts) {
      const bound = promptTokenBound([{ content: [{ type: 'text', text }] }]);
      expect(bound).toBeGreaterThanOrEqual(Buffer.byteLength(text, 'utf8'));
      expect(bound).toBeGreaterThan(encode(text).length * 2);
    }
    expect(textsTokenBound(texts)).toBeGreaterThanOrEqual(
      texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0)
    );
  });

  it('counts system prompts, tool calls and results, tools, and media parts', () => {
    const base = promptTokenBound([]);
    const withSystem = promptTokenBound([{ content: 'You are terse.' }]);
    expect(withSystem - base).toBe(64 + 'You are terse.'.length);
    const tools = {
      lookup: {
        type: 'function',
        inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
      },
    };
    expect(promptTokenBound([], tools) - base).toBe(Buffer.byteLength(JSON.stringify(tools)));
    const media = promptTokenBound([
      {
        content: [
          { type: 'image', data: 'aGVsbG8=' },
          { type: 'file', data: new Uint8Array(20_000), mediaType: 'application/pdf' },
        ],
      },
    ]);
    expect(media - base).toBe(64 + 8192 + 20_000);
    const tool = promptTokenBound([
      {
        content: [
          { type: 'tool-call', input: { q: 'trams' } },
          { type: 'tool-result', output: { type: 'text', value: 'found 3' } },
        ],
      },
    ]);
    expect(tool - base).toBe(
      64 +
        JSON.stringify({ q: 'trams' }).length +
        JSON.stringify({ type: 'text', value: 'found 3' }).length
    );
  });
});
