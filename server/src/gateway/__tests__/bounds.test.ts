import { encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { promptTokenBound, textsTokenBound } from '../quantities';
import { cacheWritesMayCostMore } from '../../pricing/price-sheet';

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

  it('prices cache writes a second time only when they may cost more', () => {
    const model = (prices: Record<string, string | null>, modelId = 'm') =>
      ({ id: 1, modelId, displayName: modelId, active: true, ...prices }) as any;
    const at = new Date('2026-06-01T00:00:00Z');
    expect(
      cacheWritesMayCostMore(model({ priceInput: '3', priceCacheWrite: '3.75' }), 'openai', at)
    ).toBe(true);
    expect(
      cacheWritesMayCostMore(model({ priceInput: '3', priceCacheWrite: '3' }), 'openai', at)
    ).toBe(false);
    // No cache-write price anywhere: charged at the input price, so never dearer.
    expect(
      cacheWritesMayCostMore(model({ priceInput: '3', priceCacheWrite: null }), 'openai', at)
    ).toBe(false);
    // The catalogue knows Anthropic's dearer cache writes even when the model states only its input price.
    expect(
      cacheWritesMayCostMore(
        model({ priceInput: '3', priceCacheWrite: null }, 'claude-3-5-sonnet-20241022'),
        'anthropic',
        at
      )
    ).toBe(true);
    expect(cacheWritesMayCostMore(model({ priceInput: null }), 'openai', at)).toBe(true);
    expect(cacheWritesMayCostMore(model({ priceInput: '0', priceOutput: '0' }), 'openai', at)).toBe(
      false
    );
  });
});
