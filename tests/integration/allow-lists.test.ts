import { adminToken, createAdminUser, createFullAccessToken, login } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createConfiguration,
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';

const ARTICLE = 'api::article.article';
const ACCESS_RULE = 'plugin::llm.access-rule';

/**
 * Allow-lists (issue 19): per role and per API token, which configurations and capabilities its
 * calls may use, enforced by the gateway's first control on every entry point. A refused call never
 * reaches the provider (the stub counts its requests), answers 403 `not_allowed`, and leaves a usage
 * row whose status is "denied".
 */
describe(`allow-lists (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    stub: { resetBeforeEach: true, defaultBehavior: { usage: { input: 3, output: 5 } } },
  });
  const access = () => app.strapi.plugin('llm').service('access');
  let A: any;
  let B: any;
  let taskA: any;
  let taskB: any;
  let restrictedRole: { id: number };
  let restricted: { id: number };
  let twoRoles: { id: number };
  let restrictedBearer: string;
  let superBearer: string;

  beforeAll(async () => {
    let model: any;
    ({ model, configuration: A } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'allow-model', priceInput: '1', priceOutput: '1' },
      configuration: { name: `Allowed ${Date.now()}` },
    }));
    B = await createConfiguration(app.strapi, model, { name: `Other ${Date.now()}` });
    taskA = await createTask(app.strapi, A, { promptTemplate: 'Hello {{x}}', contentApi: true });
    taskB = await createTask(app.strapi, B, {
      promptTemplate: 'Title: {{title}}',
      contentApi: true,
    });
    // A role that may run tasks on articles, and whose rule allows configuration A for chat only.
    restrictedRole = await app.strapi
      .service('admin::role')
      .create({ name: `Restricted ${Date.now()}`, description: 'allow-list' });
    await app.strapi.service('admin::role').assignPermissions(restrictedRole.id, [
      { action: 'plugin::llm.tasks.run', subject: null, properties: {}, conditions: [] },
      {
        action: 'plugin::content-manager.explorer.read',
        subject: ARTICLE,
        properties: { fields: ['title', 'body'] },
        conditions: [],
      },
    ]);
    await access().put('role', restrictedRole.id, {
      configurations: [A.id],
      capabilities: ['chat'],
    });
    const user = await createAdminUser(app.strapi, [restrictedRole.id]);
    restricted = user;
    restrictedBearer = await login(app.request, user);
    // The same role plus the Editor's, which has no rule: the union allows everything.
    twoRoles = await createAdminUser(app.strapi, [restrictedRole.id, 'strapi-editor']);
    ({ token: superBearer } = await adminToken(app.strapi, app.request));
  });

  const deniedRows = async () => {
    await flushUsage(app.strapi);
    return usageRows(app.strapi, { errorCode: 'not_allowed' });
  };
  const as = (bearer: string, method: 'get' | 'put' | 'delete' | 'post', path: string) =>
    app.request[method](path).set('Authorization', `Bearer ${bearer}`);

  it('the matrix for one role: chat on A passes; B and other capabilities are refused before any provider request', async () => {
    const chat = await llm(app.strapi).chat({
      configuration: A.id,
      prompt: 'hi',
      user: restricted.id,
    });
    expect(chat.text).toBeDefined();
    expect(stub.requests).toHaveLength(1);
    const before = (await deniedRows()).length;

    const onB = llm(app.strapi).chat({ configuration: B.id, prompt: 'hi', user: restricted.id });
    await expect(onB).rejects.toMatchObject({
      code: 'not_allowed',
      status: 403,
      message: `Your role may not use configuration "${B.name}"`,
    });
    await expect(
      llm(app.strapi).embed({ configuration: A.id, values: ['x'], user: restricted.id })
    ).rejects.toMatchObject({
      code: 'not_allowed',
      message: 'Your role may not use the capability "embeddings"',
    });
    await expect(
      llm(app.strapi).vision({
        configuration: A.id,
        prompt: 'what is it',
        images: ['https://example.com/cat.png'],
        user: restricted.id,
      })
    ).rejects.toMatchObject({ code: 'not_allowed', message: expect.stringContaining('"vision"') });
    expect(stub.requests).toHaveLength(1);

    const rows = (await deniedRows()).slice(before);
    expect(rows.map((r) => [r.service, r.configurationId, r.userId, r.success])).toEqual([
      ['chat', B.id, restricted.id, false],
      ['embedding', A.id, restricted.id, false],
      ['vision', A.id, restricted.id, false],
    ]);
    // An attempt no provider saw: no cost, no tokens.
    expect(rows.every((r) => Number(r.costNano ?? 0) === 0 && r.inputTokens === 0)).toBe(true);
  });

  it('images inside chat messages are "vision" too: a chat-only role cannot send them', async () => {
    const requests = stub.requests.length;
    await expect(
      llm(app.strapi).chat({
        configuration: A.id,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is it' },
              { type: 'image', image: 'data:image/png;base64,iVBORw0KGgo=' },
            ],
          },
        ],
        user: restricted.id,
      })
    ).rejects.toMatchObject({ code: 'not_allowed', message: expect.stringContaining('"vision"') });
    expect(stub.requests).toHaveLength(requests);
  });

  it('through the admin route the refusal is a 403 naming the configuration', async () => {
    const refused = await as(restrictedBearer, 'post', `/llm/tasks/${taskB.id}/run`).send({
      variables: { title: 'x' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('not_allowed');
    expect(refused.body.error.message).toBe(`Your role may not use configuration "${B.name}"`);
    const allowed = await as(restrictedBearer, 'post', `/llm/tasks/${taskA.id}/run`).send({
      variables: { x: 'y' },
    });
    expect(allowed.status).toBe(200);
    expect(stub.requests).toHaveLength(1);
  });

  it('a user with two roles, one without a rule, may use everything', async () => {
    await llm(app.strapi).chat({ configuration: B.id, prompt: 'hi', user: twoRoles.id });
    await llm(app.strapi).embed({ configuration: A.id, values: ['x'], user: twoRoles.id });
    expect(stub.requests).toHaveLength(2);
  });

  it('an API token through the content API: its own rule, and a token without one is unrestricted', async () => {
    const front = await createFullAccessToken(app.strapi, 'front');
    const other = await createFullAccessToken(app.strapi, 'other');
    await access().put('apiToken', front.id, { configurations: [A.id], capabilities: null });
    const run = (task: any, key: string) =>
      app.request
        .post(`/api/llm/tasks/${task.documentId}/run`)
        .set('Authorization', `Bearer ${key}`)
        .send({ variables: { x: 'a', title: 'b' } });

    expect((await run(taskA, front.accessKey)).status).toBe(200);
    const refused = await run(taskB, front.accessKey);
    expect(refused.status).toBe(403);
    // A content-API caller gets the code and the generic message, not the configuration's name.
    expect(refused.body.error.details.code).toBe('not_allowed');
    expect(refused.body.error.message).toBe('This AI feature is not allowed for you');
    expect((await run(taskB, other.accessKey)).status).toBe(200);
    expect(stub.requests).toHaveLength(2);

    const [row] = (await deniedRows()).filter((r) => r.apiTokenId === front.id);
    expect(row).toMatchObject({ configurationId: B.id, success: false, source: 'content-api' });
    expect(row.errorMessage).toBe(`This API token may not use configuration "${B.name}"`);

    // Capabilities hold for tokens too: this one may only embed.
    await access().put('apiToken', front.id, {
      configurations: null,
      capabilities: ['embeddings'],
    });
    expect((await run(taskA, front.accessKey)).status).toBe(403);
    await access().remove('apiToken', front.id);
    expect((await run(taskA, front.accessKey)).status).toBe(200);
  });

  it('languageModel() checks the identity app code passes, tools included; no identity is unrestricted', async () => {
    const { generateText, tool, jsonSchema } = await import('ai');
    const onB = await llm(app.strapi).languageModel({ configuration: B.id, user: restricted.id });
    await expect(generateText({ model: onB, prompt: 'x' })).rejects.toMatchObject({
      code: 'not_allowed',
    });
    const onA = await llm(app.strapi).languageModel({ configuration: A.id, user: restricted.id });
    await generateText({ model: onA, prompt: 'x' });
    expect(stub.requests).toHaveLength(1);
    const lookup = tool({
      description: 'looks something up',
      inputSchema: jsonSchema({ type: 'object', properties: {} }),
      execute: async () => 'found',
    });
    await expect(
      generateText({ model: onA, prompt: 'x', tools: { lookup } })
    ).rejects.toMatchObject({
      code: 'not_allowed',
      message: 'Your role may not use the capability "tools"',
    });
    expect(stub.requests).toHaveLength(1);
    // App code without a caller identity (a cron job, a script) is not restricted.
    const system = await llm(app.strapi).languageModel({ configuration: B.id, user: null });
    await generateText({ model: system, prompt: 'x' });
    expect(stub.requests).toHaveLength(2);
  });

  it('a bulk task run is refused entry by entry, each refusal recorded against its entry', async () => {
    const entries = await Promise.all(
      ['one', 'two'].map(
        (title) =>
          app.strapi.documents(ARTICLE as any).create({ data: { title, body: 'b' } as any }) as any
      )
    );
    for (const entry of entries) {
      const response = await as(restrictedBearer, 'post', `/llm/tasks/${taskB.id}/run`).send({
        entry: { uid: ARTICLE, documentId: entry.documentId },
      });
      expect([response.status, response.body.error?.details?.code]).toEqual([403, 'not_allowed']);
    }
    expect(stub.requests).toHaveLength(0);
    const rows = (await deniedRows()).filter((r) => r.entryUid === ARTICLE);
    expect(rows.map((r) => r.entryDocumentId).sort()).toEqual(
      entries.map((e) => e.documentId).sort()
    );
  });

  it('Analytics: status=denied counts exactly the refused rows, as blocked attempts, never requests', async () => {
    const rows = await deniedRows();
    expect(rows.length).toBeGreaterThan(5);
    const response = await as(superBearer, 'get', '/llm/analytics?range=30d&status=denied');
    expect(response.status).toBe(200);
    expect(response.body.data.kpis).toMatchObject({ blocked: rows.length, requests: 0 });
    const log = await as(superBearer, 'get', '/llm/requests?range=30d&status=denied&limit=200');
    expect(log.status).toBe(200);
    const listed = log.body.data.rows;
    expect(listed.every((r: any) => r.status === 'denied' && r.errorCode === 'not_allowed')).toBe(
      true
    );
    expect(listed.map((r: any) => r.requestId).sort()).toEqual(rows.map((r) => r.requestId).sort());
  });

  it('the routes: settings.manage only; roles and tokens listed by name; input validated; writes take effect at once', async () => {
    const { token: editor } = await adminToken(app.strapi, app.request, ['strapi-editor']);
    const { token: author } = await adminToken(app.strapi, app.request, ['strapi-author']);
    const path = `/llm/access-rules/role/${restrictedRole.id}`;
    for (const bearer of [editor, author, restrictedBearer]) {
      expect((await as(bearer, 'get', '/llm/access-rules')).status).toBe(403);
      expect(
        (await as(bearer, 'put', path).send({ configurations: null, capabilities: null })).status
      ).toBe(403);
      expect((await as(bearer, 'delete', path)).status).toBe(403);
    }

    const list = await as(superBearer, 'get', '/llm/access-rules');
    expect(list.status).toBe(200);
    const subject = list.body.data.find(
      (s: any) => s.kind === 'role' && s.id === restrictedRole.id
    );
    expect(subject.rule).toEqual({ configurations: [A.id], capabilities: ['chat'] });
    expect(list.body.data.some((s: any) => s.kind === 'apiToken')).toBe(true);
    expect(JSON.stringify(list.body)).not.toMatch(/accessKey/);
    expect(list.body.meta.configurations.map((c: any) => c.id)).toEqual(
      expect.arrayContaining([A.id, B.id])
    );

    const put = (body: unknown, at = path) => as(superBearer, 'put', at).send(body as object);
    const badCapability = await put({ configurations: null, capabilities: ['telepathy'] });
    expect(badCapability.status).toBe(400);
    expect(badCapability.body.error.message).toMatch(/capabilities/);
    const badConfiguration = await put({ configurations: [A.id, 2_000_000], capabilities: null });
    expect(badConfiguration.status).toBe(400);
    expect(badConfiguration.body.error.message).toMatch(/2000000/);
    expect((await put({ configurations: null })).status).toBe(400);
    expect((await put({ configurations: 'all', capabilities: null })).status).toBe(400);
    expect(
      (await put({ configurations: null, capabilities: null }, '/llm/access-rules/role/999999'))
        .status
    ).toBe(404);
    expect(
      (await put({ configurations: null, capabilities: null }, '/llm/access-rules/user/1')).status
    ).toBe(404);

    // Widened, the role may use B at once (this instance's cache is dropped by the write).
    const widened = await put({ configurations: [B.id, A.id], capabilities: ['chat', 'tools'] });
    expect(widened.status).toBe(200);
    expect(widened.body.data).toEqual({
      subjectKind: 'role',
      subjectId: restrictedRole.id,
      configurations: [A.id, B.id].sort((x, y) => x - y),
      capabilities: ['chat', 'tools'],
    });
    await llm(app.strapi).chat({ configuration: B.id, prompt: 'hi', user: restricted.id });
    expect(await app.strapi.db.query(ACCESS_RULE).count({})).toBe(1);
    // Removed: unrestricted.
    expect((await as(superBearer, 'delete', path)).status).toBe(200);
    expect((await as(superBearer, 'delete', path)).status).toBe(404);
    await llm(app.strapi).embed({ configuration: B.id, values: ['x'], user: restricted.id });
    expect(stub.requests).toHaveLength(2);
    await access().put('role', restrictedRole.id, {
      configurations: [A.id],
      capabilities: ['chat'],
    });
  });
});
