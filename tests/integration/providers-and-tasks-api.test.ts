import { adminToken, createFullAccessToken } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createModel,
  createStubProvider,
  createTask,
  flushUsage,
  setupGatewayFixture,
  storedApiKey,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';

const SECRET = 'sk-live-VERY-SECRET-0123456789';
const CM = '/content-manager/collection-types';

describe(`providers, models and tasks over HTTP (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({ stub: { resetBeforeEach: true } });
  let superToken: string;
  let superId: number;

  beforeAll(async () => {
    const admin = await adminToken(app.strapi, app.request);
    superToken = admin.token;
    superId = admin.user.id;
  });

  const asSuper = (method: 'get' | 'post' | 'put', url: string) =>
    app.request[method](url).set('Authorization', `Bearer ${superToken}`);

  it('stores a provider API key encrypted and never returns it in plain text', async () => {
    const created = await asSuper('post', `${CM}/plugin::llm.provider`).send({
      name: 'OpenAI (secret)',
      adapter: 'openai',
      baseURL: `${stub.url}/v1`,
      apiKey: SECRET,
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain(SECRET);

    const documentId = created.body.data.documentId;
    const list = await asSuper('get', `${CM}/plugin::llm.provider`);
    const one = await asSuper('get', `${CM}/plugin::llm.provider/${documentId}`);
    for (const response of [list, one]) {
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).not.toContain(SECRET);
    }

    const stored = await app.strapi.db
      .query('plugin::llm.provider')
      .findOne({ where: { documentId } });
    // The query engine withholds the key too (security/secret-fields.ts); only plain SQL sees what is stored.
    expect(stored.apiKey).toBeUndefined();
    const storedKey = await storedApiKey(app.strapi, stored.id);
    expect(storedKey).toMatch(/^enc:v1:/);

    // Saving the form again (which never holds the key) keeps the key as it was.
    const updated = await asSuper('put', `${CM}/plugin::llm.provider/${documentId}`).send({
      ...one.body.data,
      timeoutMs: 4000,
    });
    expect(updated.status).toBe(200);
    const again = await app.strapi.db
      .query('plugin::llm.provider')
      .findOne({ where: { documentId } });
    expect(await storedApiKey(app.strapi, again.id)).toBe(storedKey);

    // The decrypted key reaches the provider, and only the provider.
    const model = await createModel(
      app.strapi,
      { id: stored.id },
      { modelId: 'secret-model', priceInput: '1', priceOutput: '1' }
    );
    await app.strapi.plugin('llm').service('llm').chat({ model: model.id, prompt: 'hi' });
    expect(stub.requests[0].headers.authorization).toBe(`Bearer ${SECRET}`);
    await flushUsage(app.strapi);
    expect(JSON.stringify(await usageRows(app.strapi))).not.toContain(SECRET);
  });

  it('reads an API key from an environment variable when the provider names one', async () => {
    process.env.LLM_TEST_KEY = 'sk-from-env';
    const provider = await createStubProvider(app.strapi, stub, {
      apiKey: null,
      apiKeyEnv: 'LLM_TEST_KEY',
    });
    const model = await createModel(app.strapi, provider, { modelId: 'env-model' });
    await app.strapi.plugin('llm').service('llm').chat({ model: model.id, prompt: 'hi' });
    expect(stub.requests[0].headers.authorization).toBe('Bearer sk-from-env');
  });

  it('answers 400 with a clear message for an unknown adapter or a bad price', async () => {
    const badAdapter = await asSuper('post', `${CM}/plugin::llm.provider`).send({
      name: 'Nope',
      adapter: 'nope',
    });
    expect(badAdapter.status).toBe(400);
    expect(badAdapter.body.error.message).toContain('Unknown adapter "nope"');
    expect(badAdapter.body.error.message).toContain('openai');

    const badPrice = await asSuper('post', `${CM}/plugin::llm.model`).send({
      displayName: 'x',
      modelId: 'x',
      priceInput: '-1',
    });
    expect(badPrice.status).toBe(400);
  });

  it('lists usage rows in the Content Manager but refuses to create, edit or delete them', async () => {
    const list = await asSuper('get', `${CM}/plugin::llm.usage`);
    expect(list.status).toBe(200);
    const created = await asSuper('post', `${CM}/plugin::llm.usage`).send({
      requestId: 'forged',
      occurredAt: new Date().toISOString(),
      day: '2026-01-01',
      hour: '2026-01-01 00',
      service: 'chat',
      priceSource: 'none',
      success: true,
    });
    // Nobody holds Content Manager writes on the ledger (security/authority), not even a super admin…
    expect(created.status).toBe(403);
    // …and any other path is refused by the ledger's own lifecycles.
    await expect(
      app.strapi.db.query('plugin::llm.usage').create({
        data: { requestId: 'forged', service: 'chat', priceSource: 'none', success: true },
      })
    ).rejects.toThrow('written by the gateway only');
    expect(
      await app.strapi.db.query('plugin::llm.usage').count({ where: { requestId: 'forged' } })
    ).toBe(0);
  });

  describe('running tasks', () => {
    let task: any;
    let closedTask: any;

    beforeAll(async () => {
      const { configuration } = await withConfiguredModel(app.strapi, stub, {
        model: { modelId: 'task-model', priceInput: '1', priceOutput: '1' },
      });
      task = await createTask(app.strapi, configuration, {
        promptTemplate: 'Alt text for {{subject}}',
        contentApi: true,
      });
      closedTask = await createTask(app.strapi, configuration, {
        promptTemplate: 'Internal {{x}}',
        contentApi: false,
      });
    });

    it('runs from the content API with an API token, recorded with the token id', async () => {
      const token = await createFullAccessToken(app.strapi, 't');
      const response = await app.request
        .post(`/api/llm/tasks/${task.documentId}/run`)
        .set('Authorization', `Bearer ${token.accessKey}`)
        .send({ variables: { subject: 'a red bicycle' } });
      expect(response.status).toBe(200);
      expect(response.body.data.text).toContain('a red bicycle');
      expect(response.body.data.usage.costUsd).toMatch(/^\d+\.\d+$/);

      await flushUsage(app.strapi);
      const [row] = await usageRows(app.strapi, { requestId: response.body.data.usage.requestId });
      expect(row).toMatchObject({
        apiTokenId: token.id,
        userId: null,
        taskId: task.id,
        source: 'content-api',
      });
    });

    it('refuses the content API without a token, and hides tasks not opened to it', async () => {
      const anonymous = await app.request
        .post(`/api/llm/tasks/${task.documentId}/run`)
        .send({ variables: { subject: 'x' } });
      expect([401, 403]).toContain(anonymous.status);

      const token = await createFullAccessToken(app.strapi, 't2');
      const closed = await app.request
        .post(`/api/llm/tasks/${closedTask.documentId}/run`)
        .set('Authorization', `Bearer ${token.accessKey}`)
        .send({ variables: { x: 1 } });
      expect(closed.status).toBe(404);
      expect(stub.requests).toHaveLength(0);
    });

    it('runs from the admin for a user with the permission, attributed to that user', async () => {
      const response = await asSuper('post', `/llm/tasks/${task.id}/run`).send({
        variables: { subject: 'a cat' },
      });
      expect(response.status).toBe(200);
      await flushUsage(app.strapi);
      const [row] = await usageRows(app.strapi, { requestId: response.body.data.usage.requestId });
      expect(row).toMatchObject({ userId: superId, source: 'admin' });
    });

    it('answers 403 to an admin without the permission, and 400 to bad variables', async () => {
      const editor = await adminToken(app.strapi, app.request, ['strapi-editor']);
      const forbidden = await app.request
        .post(`/llm/tasks/${task.id}/run`)
        .set('Authorization', `Bearer ${editor.token}`)
        .send({ variables: {} });
      expect(forbidden.status).toBe(403);

      const missing = await asSuper('post', `/llm/tasks/${task.id}/run`).send({ variables: {} });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('subject');
      const notObject = await asSuper('post', `/llm/tasks/${task.id}/run`).send({
        variables: ['x'],
      });
      expect(notObject.status).toBe(400);
    });

    it("answers a provider failure with 502 and the failed row's request id", async () => {
      stub.next({ status: 500 });
      const response = await asSuper('post', `/llm/tasks/${task.id}/run`).send({
        variables: { subject: 'x' },
      });
      expect(response.status).toBe(502);
      expect(response.body.error.details.code).toBe('provider_error');
      await flushUsage(app.strapi);
      const [row] = await usageRows(app.strapi, {
        requestId: response.body.error.details.requestId,
      });
      expect(row.success).toBe(false);
    });
  });
});
