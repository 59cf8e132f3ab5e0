import { adminToken, createAdminUser, login } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createModel,
  createStubProvider,
  setupGatewayFixture,
  storedApiKey,
} from '../support/fixtures';
import { StubProvider } from '../support/stub-provider';

/**
 * A provider's "Test connection" and "Import models" are configuring the gateway: only
 * plugin::llm.settings.manage. Content Manager rights on the plugin's types are not enough (they
 * are given to editors by mistake), and no answer ever carries the provider's key.
 */
const SECRET = 'sk-live-PROVIDER-TOOLS-987654321';
const TYPES = ['plugin::llm.provider', 'plugin::llm.model'];

type Who = 'author' | 'editor' | 'cmUpdater' | 'configurator';

describe(`provider tools need settings.manage (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({ stub: { resetBeforeEach: true } });
  const tokens: Partial<Record<Who, string>> = {};
  let provider: any;

  const cmRights = TYPES.flatMap((subject) =>
    ['read', 'create', 'update', 'delete'].map((action) => ({
      action: `plugin::content-manager.explorer.${action}`,
      subject,
      properties: {},
      conditions: [],
    }))
  );

  async function roleWith(name: string, permissions: object[]) {
    const role = await app.strapi
      .service('admin::role')
      .create({ name: `${name} ${Date.now()}`, description: name });
    await app.strapi.service('admin::role').assignPermissions(role.id, permissions);
    return login(app.request, await createAdminUser(app.strapi, [role.id]));
  }

  beforeAll(async () => {
    tokens.author = (await adminToken(app.strapi, app.request, ['strapi-author'])).token;
    tokens.editor = (await adminToken(app.strapi, app.request, ['strapi-editor'])).token;
    tokens.cmUpdater = await roleWith('CM updater', [
      ...cmRights,
      { action: 'plugin::llm.tasks.run', subject: null, properties: {}, conditions: [] },
    ]);
    tokens.configurator = await roleWith('LLM configurator', [
      ...cmRights,
      { action: 'plugin::llm.settings.manage', subject: null, properties: {}, conditions: [] },
    ]);
    provider = await createStubProvider(app.strapi, stub, { apiKey: SECRET });
    await createModel(app.strapi, provider, { modelId: 'gpt-4o' });
  });

  const routes = () =>
    [
      ['post', `/llm/providers/${provider.documentId}/test-connection`, undefined],
      ['get', `/llm/providers/${provider.documentId}/available-models`, undefined],
      [
        'post',
        `/llm/providers/${provider.documentId}/models/import`,
        { models: [{ modelId: 'gpt-4o-mini' }], pinPrices: true },
      ],
    ] as const;

  const call = (who: Who | null, [method, path, body]: ReturnType<typeof routes>[number]) => {
    const request = app.request[method](path);
    if (who) request.set('Authorization', `Bearer ${tokens[who]}`);
    return body ? request.send(body) : request;
  };

  it('refuses every route to the signed-out, an Author, an Editor and a role with only Content Manager rights, and calls nothing', async () => {
    for (const route of routes()) {
      expect([route[1], (await call(null, route)).status]).toEqual([route[1], 401]);
      for (const who of ['author', 'editor', 'cmUpdater'] as const)
        expect([who, route[1], (await call(who, route)).status]).toEqual([who, route[1], 403]);
    }
    expect(stub.requests).toHaveLength(0);
    const models = await app.strapi.db
      .query('plugin::llm.model')
      .findMany({ where: { provider: { id: provider.id } } });
    expect(models.map((m: any) => m.modelId)).toEqual(['gpt-4o']);
  });

  it('serves a role with settings.manage, and no answer carries the key', async () => {
    for (const route of routes()) {
      const response = await call('configurator', route);
      expect([route[1], response.status]).toEqual([route[1], 200]);
      expect(response.text).not.toContain(SECRET);
    }
    // The key went to the provider, in the header, and nowhere else.
    expect(stub.requests.every((r) => r.headers.authorization === `Bearer ${SECRET}`)).toBe(true);
  });

  it('never reaches a base URL the outbound rules refuse (a record planted around them), and says why', async () => {
    const planted = await createStubProvider(app.strapi, stub, { apiKey: SECRET });
    const meta = app.strapi.db.metadata.get('plugin::llm.provider');
    const column = (meta.attributes.baseURL as unknown as { columnName: string }).columnName;
    await app.strapi.db
      .connection(meta.tableName)
      .where('id', planted.id)
      .update({ [column]: 'http://169.254.169.254/v1' });
    const request = (method: 'get' | 'post', path: string) =>
      app.request[method](`/llm/providers/${planted.documentId}/${path}`).set(
        'Authorization',
        `Bearer ${tokens.configurator}`
      );
    const tested = await request('post', 'test-connection');
    expect(tested.status).toBe(200);
    expect(tested.body.data).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(tested.body.data.error.message).toMatch(/base URL not allowed/);
    const listed = await request('get', 'available-models');
    expect(listed.status).toBe(400);
    expect(listed.body.error.message).toMatch(/base URL not allowed/);
    expect(stub.requests).toHaveLength(0);
    expect(tested.text + listed.text).not.toContain(SECRET);
  });

  it('drops the stored key when the provider is pointed elsewhere without a new key: the new host never gets the old one', async () => {
    const elsewhere = await new StubProvider().start();
    try {
      const cm = (method: 'put' | 'get', documentId: string, body?: object) => {
        const request = app.request[method](
          `/content-manager/collection-types/plugin::llm.provider/${documentId}`
        ).set('Authorization', `Bearer ${tokens.configurator}`);
        return body ? request.send(body) : request;
      };
      const credentials = async (documentId: string) =>
        (
          await app.request
            .get(`/llm/providers/${documentId}/credentials`)
            .set('Authorization', `Bearer ${tokens.configurator}`)
        ).body.data;
      const moved = await createStubProvider(app.strapi, stub, { apiKey: SECRET, name: 'Moved' });
      const { name, adapter, baseURL, apiKeyEnv, timeoutMs, maxRetries, active } = (
        await cm('get', moved.documentId)
      ).body.data;
      const form = { name, adapter, baseURL, apiKeyEnv, timeoutMs, maxRetries, active };
      // The Content Manager sends the whole form: an unrelated change keeps the key.
      const renamed = await cm('put', moved.documentId, { ...form, name: 'Moved (renamed)' });
      expect(renamed.status).toBe(200);
      expect(await storedApiKey(app.strapi, moved.id)).toMatch(/^enc:v1:/);
      const pointed = await cm('put', moved.documentId, {
        ...form,
        name: 'Moved (renamed)',
        baseURL: `${elsewhere.url}/v1`,
      });
      expect(pointed.status).toBe(200);
      expect(await storedApiKey(app.strapi, moved.id)).toBeNull();
      expect(await credentials(moved.documentId)).toMatchObject({ apiKeyStored: false });
      const tested = await app.request
        .post(`/llm/providers/${moved.documentId}/test-connection`)
        .set('Authorization', `Bearer ${tokens.configurator}`);
      expect(tested.status).toBe(200);
      expect(elsewhere.requests.length).toBeGreaterThan(0);
      expect(JSON.stringify(elsewhere.requests.map((r) => r.headers))).not.toContain(SECRET);

      // The Document Service and the query engine: an adapter change drops it too, a new key given with the move is kept.
      const documents = app.strapi.documents('plugin::llm.provider');
      const other = await createStubProvider(app.strapi, stub, { apiKey: SECRET, name: 'Other' });
      await documents.update({ documentId: other.documentId, data: { adapter: 'mistral' } as any });
      expect(await storedApiKey(app.strapi, other.id)).toBeNull();
      await documents.update({
        documentId: other.documentId,
        data: { baseURL: `${elsewhere.url}/v1`, apiKey: 'sk-new-for-elsewhere' } as any,
      });
      expect(await storedApiKey(app.strapi, other.id)).toMatch(/^enc:v1:/);
      const third = await createStubProvider(app.strapi, stub, { apiKey: SECRET, name: 'Third' });
      await app.strapi.db
        .query('plugin::llm.provider')
        .update({ where: { id: third.id }, data: { baseURL: `${stub.url}/v1`, timeoutMs: 5000 } });
      expect(await storedApiKey(app.strapi, third.id)).toMatch(/^enc:v1:/);
      await app.strapi.db
        .query('plugin::llm.provider')
        .updateMany({ where: { id: third.id }, data: { baseURL: `${elsewhere.url}/v1` } });
      expect(await storedApiKey(app.strapi, third.id)).toBeNull();
      // A clone pointed elsewhere (the Content Manager's "duplicate") starts without the key.
      const source = await createStubProvider(app.strapi, stub, { apiKey: SECRET, name: 'Src' });
      const cloned = await documents.clone({
        documentId: source.documentId,
        data: { name: 'Clone', baseURL: `${elsewhere.url}/v1` } as any,
      });
      const clone = await app.strapi.db
        .query('plugin::llm.provider')
        .findOne({ where: { documentId: cloned!.documentId } });
      expect(await storedApiKey(app.strapi, clone.id)).toBeNull();
    } finally {
      await elsewhere.stop();
    }
  });
});
