import { LlmError } from '../errors';
import { declaredVariables, renderTemplate } from '../template';

/** The error renderTemplate throws, for asserting on its fields. */
function renderError(...args: Parameters<typeof renderTemplate>): LlmError {
  try {
    renderTemplate(...args);
  } catch (error) {
    if (error instanceof LlmError) return error;
    throw error;
  }
  throw new Error('renderTemplate did not throw');
}

describe('task templates', () => {
  it('fills placeholders, uses defaults, and names what is missing', () => {
    expect(
      renderTemplate('Hi {{ name }}, {{tone}}', { name: 'Ada' }, [
        { name: 'tone', default: 'warm' },
      ])
    ).toBe('Hi Ada, warm');
    expect(() => renderTemplate('{{a}} {{b}}', {})).toThrow('Missing task variable(s): a, b');
  });

  it('refuses missing variables with a 400 the caller may see, each named once', () => {
    const error = renderError('{{text}} and {{text}} in {{ lang }}', { other: 'x' });
    expect(error.message).toBe('Missing task variable(s): text, lang');
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.exposable).toBe(true);
  });

  it('treats null as missing, but keeps the empty string, 0 and false as values', () => {
    expect(() => renderTemplate('{{a}}', { a: null })).toThrow('Missing task variable(s): a');
    expect(renderTemplate('[{{a}}|{{b}}|{{c}}]', { a: '', b: 0, c: false })).toBe('[|0|false]');
  });

  it('writes values that are not text as JSON', () => {
    expect(renderTemplate('{{list}} {{obj}}', { list: ['a', 1], obj: { k: 'v' } })).toBe(
      '["a",1] {"k":"v"}'
    );
  });

  it('prefers the caller’s value over a default, and a default with no value fills the gap', () => {
    const declared = [{ name: 'tone', default: 'warm' }, { name: 'text' }];
    expect(renderTemplate('{{tone}}', { tone: 'dry' }, declared)).toBe('dry');
    expect(renderTemplate('{{tone}}', {}, declared)).toBe('warm');
    expect(() => renderTemplate('{{text}}', {}, declared)).toThrow(
      'Missing task variable(s): text'
    );
  });

  it('never fills a placeholder from what an object inherits', () => {
    expect(() => renderTemplate('{{constructor}} {{__proto__}} {{toString}}', {})).toThrow(
      'Missing task variable(s): constructor, __proto__, toString'
    );
  });

  it('leaves text that is not a placeholder as it is', () => {
    expect(renderTemplate('{{ 1x }} {x} {{a-b}} {{ok}}', { ok: 'yes' })).toBe(
      '{{ 1x }} {x} {{a-b}} yes'
    );
    expect(renderTemplate('{{ user.name }}', { 'user.name': 'Ada' })).toBe('Ada');
  });
});

describe('declared task variables', () => {
  it('reads names and { name, default } objects, and skips anything else', () => {
    expect(
      declaredVariables(['text', { name: 'tone', default: 'neutral' }, 3, null, { default: 'x' }])
    ).toEqual([{ name: 'text' }, { name: 'tone', default: 'neutral' }]);
    expect(declaredVariables({ text: 'x' })).toEqual([]);
    expect(declaredVariables(null)).toEqual([]);
  });
});
