import { EMPTY_PRICES, ZERO_QUANTITIES } from '../cost';
import {
  cacheWritesMayCostMore,
  isFree,
  modelPrices,
  priceCall,
  resolvePrices,
  UNPRICED,
} from '../price-sheet';

const at = new Date('2026-06-01T00:00:00Z');
const model = (prices: Record<string, string | null>, modelId = 'house-model') =>
  ({ id: 1, modelId, displayName: modelId, active: true, ...prices }) as any;

describe('price rules (explicit → free → catalogue → derived → unpriced)', () => {
  const call = {
    ...ZERO_QUANTITIES,
    inputTokens: 10_000,
    cacheReadTokens: 6_000,
    outputTokens: 500,
  };

  it('a model whose every explicit price is 0 is free, cache reads included', () => {
    expect(
      priceCall(model({ priceInput: '0', priceOutput: '0' }), 'ollama', call, at)
    ).toMatchObject({ costNano: 0n, priceSource: 'model' });
    expect(
      priceCall(model({ priceInput: '0', priceOutput: '0' }), 'ollama', { ...call, images: 2 }, at)
    ).toMatchObject({ costNano: 0n });
  });

  it('a cache read without a cache-read price is charged at the input price', () => {
    // 4,000 uncached + 6,000 cache-read tokens at $1/M, 500 output at $2/M.
    expect(
      priceCall(model({ priceInput: '1', priceOutput: '2' }), 'openai', call, at)
    ).toMatchObject({
      costNano: 10_000_000n + 1_000_000n,
      priceSource: 'model',
      cacheSavingsNano: 0n,
    });
    // Likewise a cache write.
    expect(
      priceCall(
        model({ priceInput: '1', priceOutput: '2' }),
        'openai',
        { ...call, cacheReadTokens: 0, cacheWriteTokens: 3_000 },
        at
      )
    ).toMatchObject({ costNano: 11_000_000n });
  });

  it('an explicit price wins over the catalogue, and the catalogue over the derived rule', () => {
    const own = priceCall(
      model({ priceInput: '1', priceOutput: '2', priceCacheRead: '0.5' }, 'gpt-4o-mini'),
      'openai',
      call,
      at
    );
    expect(own).toMatchObject({
      costNano: 4_000_000n + 3_000_000n + 1_000_000n,
      priceSource: 'model',
      cacheSavingsNano: 3_000_000n,
    });
    // gpt-4o-mini's catalogue cache-read price is $0.075/M, not its input price.
    const catalogue = priceCall(
      model({ priceInput: '0.15', priceOutput: '0.6' }, 'gpt-4o-mini'),
      'openai',
      call,
      at
    );
    expect(catalogue).toMatchObject({
      costNano: 600_000n + 450_000n + 300_000n,
      priceSource: 'catalogue',
    });
  });

  it('is unpriced only when a needed price is nowhere', () => {
    expect(
      priceCall(model({ priceInput: null, priceOutput: null }), 'openai', call, at)
    ).toMatchObject({ costNano: null, priceSource: 'none' });
    expect(
      priceCall(model({ priceInput: '1', priceOutput: null }), 'openai', call, at)
    ).toMatchObject({ costNano: null });
  });

  it('an unpriced call is the UNPRICED value: no cost, no remainder, no savings', () => {
    expect(priceCall(model({}), 'openai', call, at)).toEqual(UNPRICED);
    expect(UNPRICED).toEqual({
      costNano: null,
      remainderFemto: 0n,
      priceSource: 'none',
      cacheSavingsNano: 0n,
    });
  });

  it('a price the call does not need is not asked for: an image price alone prices an image call', () => {
    expect(
      priceCall(model({ priceImage: '0.04' }), 'openai', { ...ZERO_QUANTITIES, images: 2 }, at)
    ).toEqual({
      costNano: 80_000_000n,
      remainderFemto: 0n,
      priceSource: 'model',
      cacheSavingsNano: 0n,
    });
  });
});

describe('the prices of a model record', () => {
  it('reads every price field, an empty one as no price', () => {
    expect(
      modelPrices(
        model({ priceInput: '3', priceOutput: '', priceImage: '0.04', priceAudioMinute: '0.006' })
      )
    ).toEqual({
      ...EMPTY_PRICES,
      input: 3_000_000_000n,
      image: 40_000_000n,
      audioMinute: 6_000_000n,
    });
    expect(() => modelPrices(model({ priceInput: '3,50' }))).toThrow(/Invalid price "3,50"/);
  });

  it('is free only with at least one explicit price, every one of them 0', () => {
    expect(isFree(EMPTY_PRICES)).toBe(false);
    expect(isFree({ ...EMPTY_PRICES, input: 0n })).toBe(true);
    expect(isFree({ ...EMPTY_PRICES, input: 0n, output: 0n })).toBe(true);
    expect(isFree({ ...EMPTY_PRICES, input: 0n, output: 1n })).toBe(false);
  });

  it('fills a missing cache price from the input price, without calling it a catalogue price', () => {
    const { sheet, fromCatalogue } = resolvePrices(
      model({ priceInput: '1', priceOutput: '2' }),
      'ollama',
      { ...ZERO_QUANTITIES, inputTokens: 20, cacheReadTokens: 10 },
      at
    );
    expect(fromCatalogue).toBe(false);
    expect(sheet).toEqual({
      ...EMPTY_PRICES,
      input: 1_000_000_000n,
      output: 2_000_000_000n,
      cacheRead: 1_000_000_000n,
      cacheWrite: 1_000_000_000n,
    });
  });

  it('takes a missing price from the catalogue and says so', () => {
    const { sheet, fromCatalogue } = resolvePrices(
      model({ priceOutput: '0.6' }, 'gpt-4o-mini'),
      'openai',
      { ...ZERO_QUANTITIES, inputTokens: 1_000, outputTokens: 10 },
      at
    );
    expect(fromCatalogue).toBe(true);
    expect(sheet.input).toBe(150_000_000n);
    expect(sheet.output).toBe(600_000_000n);
  });
});

describe('the bound a budget reserves for a call', () => {
  it('prices cache writes a second time only when they may cost more', () => {
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
