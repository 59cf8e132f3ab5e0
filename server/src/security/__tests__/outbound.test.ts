import config from '../../config';
import { isAllowedKeyEnv } from '../../secrets/api-key-env';
import { classifyAddress, guardedFetch, guardedLookup, urlRefusal } from '../outbound';
import http from 'node:http';

const closed = { allowedHosts: [], allowPrivateNetworks: false };

describe('outbound destinations', () => {
  it('classifies addresses, IPv4 written as IPv6 included', () => {
    expect(classifyAddress('169.254.169.254')).toBe('never');
    expect(classifyAddress('::ffff:a9fe:a9fe')).toBe('never');
    expect(classifyAddress('::ffff:169.254.169.254')).toBe('never');
    expect(classifyAddress('fd00:ec2::254')).toBe('never');
    expect(classifyAddress('0.0.0.0')).toBe('never');
    expect(classifyAddress('127.0.0.1')).toBe('private');
    expect(classifyAddress('::ffff:7f00:1')).toBe('private');
    expect(classifyAddress('10.1.2.3')).toBe('private');
    expect(classifyAddress('172.31.0.1')).toBe('private');
    expect(classifyAddress('100.64.0.1')).toBe('private');
    expect(classifyAddress('::1')).toBe('private');
    expect(classifyAddress('fd12::1')).toBe('private');
    // IPv4 carried in IPv6: NAT64, SIIT, IPv4-compatible, 6to4 (found by a review as an attacker).
    expect(classifyAddress('64:ff9b::a9fe:a9fe')).toBe('never');
    expect(classifyAddress('64:ff9b:1::a9fe:a9fe')).toBe('never');
    expect(classifyAddress('2002:a9fe:a9fe::1')).toBe('never');
    expect(classifyAddress('::a9fe:a9fe')).toBe('never');
    expect(classifyAddress('::ffff:0:7f00:1')).toBe('private');
    expect(classifyAddress('64:ff9b::808:808')).toBe('public');
    expect(classifyAddress('::')).toBe('never');
    expect(classifyAddress('8.8.8.8')).toBe('public');
    expect(classifyAddress('172.32.0.1')).toBe('public');
    expect(classifyAddress('2606:4700::1111')).toBe('public');
  });

  it('judges URLs: https to public hosts; http and private addresses only for listed hosts; metadata never', () => {
    expect(urlRefusal('https://api.openai.com/v1', closed)).toBeNull();
    expect(urlRefusal('http://api.openai.com/v1', closed)).toMatch(/http:/);
    expect(urlRefusal('https://127.0.0.1/v1', closed)).toMatch(/loopback or private/);
    expect(urlRefusal('https://localhost/v1', closed)).toMatch(/loopback/);
    expect(
      urlRefusal('http://127.0.0.1:11434/v1', {
        allowedHosts: ['127.0.0.1'],
        allowPrivateNetworks: false,
      })
    ).toBeNull();
    expect(
      urlRefusal('https://10.0.0.7/v1', { allowedHosts: [], allowPrivateNetworks: true })
    ).toBeNull();
    expect(
      urlRefusal('http://169.254.169.254/', {
        allowedHosts: ['169.254.169.254'],
        allowPrivateNetworks: true,
      })
    ).toMatch(/link-local/);
    expect(urlRefusal('http://0x7f.1/', { allowedHosts: [], allowPrivateNetworks: false })).toMatch(
      /http:/
    );
    expect(urlRefusal('https://0x7f.1/', closed)).toMatch(/loopback or private/);
    expect(urlRefusal('ftp://example.com/', closed)).toMatch(/ftp:/);
  });

  it('refuses at connect time a name that resolves to a refused address', async () => {
    const result = await new Promise<unknown>((resolve) =>
      guardedLookup(closed)('localhost', { all: true }, (error) => resolve(error))
    );
    expect(String(result)).toMatch(/loopback or private/);
    const allowed = await new Promise<unknown>((resolve) =>
      guardedLookup({ allowedHosts: ['localhost'], allowPrivateNetworks: false })(
        'localhost',
        { all: true },
        (error, addresses) => resolve(error ?? addresses)
      )
    );
    expect(Array.isArray(allowed)).toBe(true);
  });

  it('a guarded fetch does not follow redirects to other destinations', async () => {
    const server = http.createServer((_req, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end()
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await expect(
        guardedFetch({ allowedHosts: ['127.0.0.1'], allowPrivateNetworks: false })(
          `http://127.0.0.1:${port}/v1`
        )
      ).rejects.toThrow();
    } finally {
      server.close();
    }
  });

  it('allows key variables by exact name or prefix', () => {
    expect(isAllowedKeyEnv('LLM_OPENAI', ['LLM_*'])).toBe(true);
    expect(isAllowedKeyEnv('DATABASE_PASSWORD', ['LLM_*'])).toBe(false);
    expect(isAllowedKeyEnv('OPENAI_API_KEY', ['LLM_*', 'OPENAI_API_KEY'])).toBe(true);
    expect(isAllowedKeyEnv('OPENAI_API_KEY_2', ['OPENAI_API_KEY'])).toBe(false);
  });

  it('refuses a webhook URL the rules refuse when the app boots', () => {
    expect(() =>
      config.validator({ alerts: { webhookUrl: 'http://169.254.169.254/hook' } })
    ).toThrow(/webhookUrl/);
    expect(() =>
      config.validator({ alerts: { webhookUrl: 'http://hooks.example.com/x' } })
    ).toThrow(/webhookUrl/);
    expect(() =>
      config.validator({ alerts: { webhookUrl: 'https://hooks.example.com/x' } })
    ).not.toThrow();
    expect(() =>
      config.validator({
        alerts: { webhookUrl: 'http://127.0.0.1:9/x' },
        security: { allowedHosts: ['127.0.0.1'] },
      })
    ).not.toThrow();
    expect(() => config.validator({ security: { apiKeyEnv: ['BAD NAME'] } })).toThrow(/apiKeyEnv/);
  });
});
