import { redactCredentials, redactProviderMessage } from '../redact';

describe('provider error text', () => {
  it('masks the key anywhere, and Bearer / DeepL-Auth-Key credentials', () => {
    const key = 'sk-SECRET.key+1';
    expect(redactProviderMessage(`bad key ${key}; x-api-key=${key}`, key)).toBe(
      'bad key ***; x-api-key=***'
    );
    expect(redactCredentials('{"authorization":"Bearer abc.def"}')).toBe(
      '{"authorization":"Bearer ***"}'
    );
    expect(redactCredentials('DeepL-Auth-Key 123:fx, more')).toBe('DeepL-Auth-Key ***, more');
    expect(redactProviderMessage('short key kept as text', 'ab')).toBe('short key kept as text');
  });

  it('cuts a message to 300 characters', () => {
    const message = redactProviderMessage('x'.repeat(1000));
    expect(message).toHaveLength(300);
    expect(message.endsWith('…')).toBe(true);
  });
});
