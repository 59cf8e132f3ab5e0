import { adminToken } from '../support/admin';
import { currentClient } from '../support/database';
import { flushUsage, llm, setupGatewayFixture, withConfiguredModel } from '../support/fixtures';

/**
 * Finding 2 of the trust-boundary issue, the part a configurator (or anyone who got past the
 * permission) could still do: point a provider at any host with the real key, or at any
 * environment variable. Before the fix every URL and every variable below was stored (201).
 */
const CM = '/content-manager/collection-types/plugin::llm.provider';

describe(`outbound destinations and key variables (${currentClient()})`, () => {
  // The playground allows loopback (127.0.0.1, localhost) for the stub; nothing else.
  const { app, stub } = setupGatewayFixture({
    env: { LLM_TEST_ONLY_KEY: 'sk-from-env-0001', NOT_ALLOWED_SECRET: 'do-not-send-me' },
  });
  let token: string;

  beforeAll(async () => {
    ({ token } = await adminToken(app.strapi, app.request, ['strapi-super-admin']));
  });

  const create = (data: Record<string, unknown>) =>
    app.request
      .post(CM)
      .set('Authorization', `Bearer ${token}`)
      .send({ name: `p ${Math.random()}`, adapter: 'openai-compatible', active: true, ...data });

  it.each([
    ['file:///etc/passwd'],
    ['gopher://127.0.0.1:6379/_INFO'],
    ['http://169.254.169.254/latest/meta-data/'],
    ['https://169.254.169.254/v1'],
    ['http://2852039166/v1'],
    ['https://[::ffff:169.254.169.254]/v1'],
    ['https://[fe80::1]/v1'],
    ['https://0.0.0.0/v1'],
    ['https://10.0.0.5/v1'],
    ['https://192.168.1.10:8080/v1'],
    ['https://[::1]:6379/v1'],
    ['http://api.example.com/v1'],
    ['https://user:pass@api.example.com/v1'],
    ['not a url'],
  ])('a provider base URL %s is refused on save with a clear 400', async (url) => {
    const response = await create({ baseURL: url });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/baseURL/);
  });

  it('https to a public host and http to an allowed host are stored', async () => {
    expect((await create({ baseURL: 'https://api.example.com/v1' })).status).toBe(201);
    expect((await create({ baseURL: `${stub.url}/v1` })).status).toBe(201);
  });

  it('apiKeyEnv names only allowed variables (default: LLM_*)', async () => {
    for (const name of ['DATABASE_PASSWORD', 'ADMIN_JWT_SECRET', 'NOT_ALLOWED_SECRET', 'PATH']) {
      const response = await create({ baseURL: `${stub.url}/v1`, apiKeyEnv: name });
      expect([name, response.status]).toEqual([name, 400]);
      expect(response.body.error.message).toMatch(/apiKeyEnv/);
    }
    expect(
      (await create({ baseURL: `${stub.url}/v1`, apiKeyEnv: 'LLM_TEST_ONLY_KEY' })).status
    ).toBe(201);
  });

  it('a record that predates the rules (or was written around them) is refused at call time, and nothing is sent', async () => {
    const { provider, configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'outbound-model', priceInput: '1', priceOutput: '1' },
    });
    const sent = stub.requests.length;
    // Raw SQL: the query engine runs the lifecycles, which would refuse these values.
    const meta = app.strapi.db.metadata.get('plugin::llm.provider');
    const column = (attribute: string) =>
      (meta.attributes[attribute] as unknown as { columnName: string }).columnName;
    const plant = (data: Record<string, unknown>) =>
      app.strapi.db
        .connection(meta.tableName)
        .where('id', provider.id)
        .update(Object.fromEntries(Object.entries(data).map(([k, v]) => [column(k), v])));

    await plant({ apiKeyEnv: 'NOT_ALLOWED_SECRET' });
    app.strapi.plugin('llm').service('llm').invalidateCache();
    await expect(
      llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null })
    ).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/not an allowed variable/),
    });

    await plant({ apiKeyEnv: null, baseURL: 'http://169.254.169.254/v1' });
    app.strapi.plugin('llm').service('llm').invalidateCache();
    await expect(
      llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null })
    ).rejects.toMatchObject({ message: expect.stringMatching(/link-local|not allowed/) });
    expect(stub.requests.length).toBe(sent);
    expect(stub.requests.some((r) => JSON.stringify(r.headers).includes('do-not-send-me'))).toBe(
      false
    );

    await plant({ baseURL: `${stub.url}/v1`, apiKeyEnv: 'LLM_TEST_ONLY_KEY' });
    app.strapi.plugin('llm').service('llm').invalidateCache();
    await llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null });
    expect(stub.requests.at(-1)!.headers.authorization).toBe('Bearer sk-from-env-0001');
    await flushUsage(app.strapi);
  });
});
