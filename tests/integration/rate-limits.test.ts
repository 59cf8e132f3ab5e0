import { adminToken, createAdminUser, createFullAccessToken } from '../support/admin';
import { currentClient } from '../support/database';
import {
  clearUsage,
  createConfiguration,
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';

/**
 * Rate limits (issue 19): requests and tokens per minute per user, per role (each member), per API
 * token and per configuration, enforced before the call on counters shared by every instance.
 */
describe(`rate limits (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    stub: { resetBeforeEach: true, defaultBehavior: { usage: { input: 10, output: 90 } } },
  });
  let configuration: any;
  let other: any;
  let model: any;
  const limits = () => app.strapi.plugin('llm').service('rate-limit');
  const clock = () => app.strapi.plugin('llm').service('clock');
  // 45 s into a minute: 15 s are left in it.
  const T = Date.parse('2026-05-04T10:20:45Z');
  const pin = (ms: number) => clock().set(() => new Date(ms));

  beforeAll(async () => {
    ({ model, configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'rate-limited', priceInput: '1', priceOutput: '1' },
      configuration: { maxOutputTokens: 1000 },
    }));
    other = await createConfiguration(app.strapi, model, { maxOutputTokens: 1000 });
  });

  beforeEach(async () => {
    pin(T);
    await app.strapi.db.query('plugin::llm.rate-limit').deleteMany({});
    limits().invalidate();
    await limits().resetCounters();
    await clearUsage(app.strapi);
  });
  afterAll(() => clock().set(null));

  const chat = (options: Record<string, unknown> = {}) =>
    llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null, ...options });
  const settle = (calls: Array<Promise<unknown>>) => Promise.allSettled(calls);
  const codes = (outcomes: PromiseSettledResult<unknown>[]) =>
    outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : (o.reason as any).code));
  async function sequence(n: number, call: () => Promise<unknown>) {
    const outcomes: string[] = [];
    for (let i = 0; i < n; i += 1) {
      outcomes.push(...codes(await settle([call()])));
      // Tokens are added off the call path: let them land before the next call is admitted.
      await limits().settled();
    }
    return outcomes;
  }

  it('at the edge: 5 pass, the 6th gets 429 with Retry-After, a refused row and no provider request', async () => {
    const { user, token } = await adminToken(app.strapi, app.request);
    const task = await createTask(app.strapi, configuration, { promptTemplate: 'Hello {{x}}' });
    await limits().create({ scope: 'user', subjectId: user.id, requestsPerMinute: 5 });
    const run = () =>
      app.request
        .post(`/llm/tasks/${task.id}/run`)
        .set('Authorization', `Bearer ${token}`)
        .send({ variables: { x: 'y' } });
    for (let i = 0; i < 5; i += 1) expect((await run()).status).toBe(200);
    const refused = await run();
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('15');
    expect(refused.body.error.details.code).toBe('rate_limit_exceeded');
    expect(refused.body.error.message).toBe(
      `Rate limit of 5 requests per minute reached for user ${user.id}`
    );
    expect(stub.requests).toHaveLength(5);

    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { userId: user.id });
    expect(rows.filter((r) => r.success)).toHaveLength(5);
    const blocked = rows.filter((r) => r.errorCode === 'rate_limit_exceeded');
    expect(blocked).toHaveLength(1);
    expect(blocked[0].costNano).toBeNull();

    // Another user is not held by this user's limit.
    const someone = await createAdminUser(app.strapi, ['strapi-editor']);
    expect(await sequence(2, () => chat({ user: someone.id }))).toEqual(['ok', 'ok']);
  });

  it('opens again when the minute ends', async () => {
    const user = await createAdminUser(app.strapi, ['strapi-editor']);
    await limits().create({ scope: 'user', subjectId: user.id, requestsPerMinute: 2 });
    expect(await sequence(3, () => chat({ user: user.id }))).toEqual([
      'ok',
      'ok',
      'rate_limit_exceeded',
    ]);
    pin(T + 14_000);
    const late = await chat({ user: user.id }).catch((e: any) => e);
    expect(late).toMatchObject({ code: 'rate_limit_exceeded', retryAfterSeconds: 1 });
    pin(T + 15_000);
    expect(await sequence(3, () => chat({ user: user.id }))).toEqual([
      'ok',
      'ok',
      'rate_limit_exceeded',
    ]);
  });

  it('200 concurrent calls at a configuration limit of 50: exactly 50 admitted in the window', async () => {
    await limits().create({
      scope: 'configuration',
      subjectId: configuration.id,
      requestsPerMinute: 50,
    });
    const outcomes = codes(await settle(Array.from({ length: 200 }, () => chat())));
    expect(outcomes.filter((c) => c === 'ok')).toHaveLength(50);
    expect(outcomes.filter((c) => c === 'rate_limit_exceeded')).toHaveLength(150);
    expect(stub.requests).toHaveLength(50);
    // Another configuration of the same model is not limited.
    expect(await sequence(1, () => chat({ configuration: other.id }))).toEqual(['ok']);
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { modelId: model.id });
    expect(rows.filter((r) => r.errorCode === 'rate_limit_exceeded')).toHaveLength(150);
  });

  it('tokens per minute: admits while the minute holds fewer tokens than the limit', async () => {
    const user = await createAdminUser(app.strapi, ['strapi-editor']);
    // Each call uses 100 tokens: 250 admits three calls (0, 100, 200 used before each), not four.
    await limits().create({ scope: 'user', subjectId: user.id, tokensPerMinute: 250 });
    const outcomes = await sequence(4, () => chat({ user: user.id }));
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'rate_limit_exceeded']);
    const refused = await chat({ user: user.id }).catch((e: any) => e);
    expect(refused.message).toBe(`Rate limit of 250 tokens per minute reached for user ${user.id}`);
    pin(T + 15_000);
    expect(await sequence(1, () => chat({ user: user.id }))).toEqual(['ok']);
  });

  it('a role limit holds each member separately; members of other roles pass', async () => {
    const editorRole = await app.strapi.db
      .query('admin::role')
      .findOne({ where: { code: 'strapi-editor' } });
    const [first, second] = [
      await createAdminUser(app.strapi, ['strapi-editor']),
      await createAdminUser(app.strapi, ['strapi-editor']),
    ];
    const author = await createAdminUser(app.strapi, ['strapi-author']);
    await limits().create({ scope: 'role', subjectId: editorRole.id, requestsPerMinute: 2 });
    const expected = ['ok', 'ok', 'rate_limit_exceeded'];
    expect(await sequence(3, () => chat({ user: first.id }))).toEqual(expected);
    expect(await sequence(3, () => chat({ user: second.id }))).toEqual(expected);
    expect(await sequence(3, () => chat({ user: author.id }))).toEqual(['ok', 'ok', 'ok']);
    const refused = await chat({ user: first.id }).catch((e: any) => e);
    expect(refused.message).toBe(
      `Rate limit of 2 requests per minute reached for each member of role ${editorRole.id}`
    );
  });

  it('per API token through the content API: 429 with Retry-After, another token passes', async () => {
    const task = await createTask(app.strapi, configuration, {
      promptTemplate: 'Alt text for {{subject}}',
      contentApi: true,
    });
    const [front, second] = [
      await createFullAccessToken(app.strapi, 'front'),
      await createFullAccessToken(app.strapi, 'second'),
    ];
    await limits().create({ scope: 'apiToken', subjectId: front.id, requestsPerMinute: 1 });
    const run = (key: string) =>
      app.request
        .post(`/api/llm/tasks/${task.documentId}/run`)
        .set('Authorization', `Bearer ${key}`)
        .send({ variables: { subject: 'a red bicycle' } });
    expect((await run(front.accessKey)).status).toBe(200);
    const refused = await run(front.accessKey);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('15');
    // The content API learns the code, never which limit.
    expect(refused.body.error.message).toBe('Too many AI requests: try again later');
    expect((await run(second.accessKey)).status).toBe(200);
  });

  it('a disabled limit, or one removed, holds nobody', async () => {
    const user = await createAdminUser(app.strapi, ['strapi-editor']);
    const limit = await limits().create({
      scope: 'user',
      subjectId: user.id,
      requestsPerMinute: 1,
    });
    expect(await sequence(2, () => chat({ user: user.id }))).toEqual(['ok', 'rate_limit_exceeded']);
    await limits().update(limit.id, { ...limit, enabled: false });
    expect(await sequence(2, () => chat({ user: user.id }))).toEqual(['ok', 'ok']);
    await limits().update(limit.id, { scope: 'user', subjectId: user.id, requestsPerMinute: 1 });
    expect(await sequence(1, () => chat({ user: user.id }))).toEqual(['rate_limit_exceeded']);
    await limits().remove(limit.id);
    expect(await sequence(1, () => chat({ user: user.id }))).toEqual(['ok']);
  });

  describe('admin routes', () => {
    it('refuse an Editor and an Author; a super admin lists, creates, updates and deletes', async () => {
      for (const role of ['strapi-editor', 'strapi-author'] as const) {
        const { token } = await adminToken(app.strapi, app.request, [role]);
        const as = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
          app.request[method](path).set('Authorization', `Bearer ${token}`);
        expect((await as('get', '/llm/rate-limits')).status).toBe(403);
        expect(
          (
            await as('post', '/llm/rate-limits').send({
              scope: 'configuration',
              subjectId: configuration.id,
              requestsPerMinute: 1,
            })
          ).status
        ).toBe(403);
        expect((await as('delete', '/llm/rate-limits/1')).status).toBe(403);
      }
      expect(await app.strapi.db.query('plugin::llm.rate-limit').count({})).toBe(0);

      const { token } = await adminToken(app.strapi, app.request);
      const as = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
        app.request[method](path).set('Authorization', `Bearer ${token}`);
      const created = await as('post', '/llm/rate-limits').send({
        scope: 'configuration',
        subjectId: configuration.id,
        requestsPerMinute: 10,
        tokensPerMinute: null,
      });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({
        scope: 'configuration',
        subjectId: configuration.id,
        requestsPerMinute: 10,
        tokensPerMinute: null,
        enabled: true,
      });
      const id = created.body.data.id;
      const listed = await as('get', '/llm/rate-limits');
      expect(listed.status).toBe(200);
      expect(listed.body.data).toEqual([created.body.data]);
      expect(listed.body.meta.configurations.map((c: any) => c.id)).toContain(configuration.id);
      const updated = await as('put', `/llm/rate-limits/${id}`).send({
        scope: 'configuration',
        subjectId: configuration.id,
        tokensPerMinute: 1000,
        enabled: false,
      });
      expect(updated.status).toBe(200);
      expect(updated.body.data).toMatchObject({ requestsPerMinute: null, tokensPerMinute: 1000 });
      expect((await as('put', '/llm/rate-limits/99999').send(updated.body.data)).status).toBe(404);
      expect((await as('delete', `/llm/rate-limits/${id}`)).status).toBe(200);
      expect((await as('delete', `/llm/rate-limits/${id}`)).status).toBe(404);
    });

    it('validate input: positive whole numbers, a limit set, a subject that exists', async () => {
      const { token } = await adminToken(app.strapi, app.request);
      const post = (body: unknown) =>
        app.request
          .post('/llm/rate-limits')
          .set('Authorization', `Bearer ${token}`)
          .send(body as object);
      const pathsOf = async (body: unknown) => {
        const response = await post(body);
        expect(response.status).toBe(400);
        return response.body.error.details.errors.map((e: any) => e.path.join('.'));
      };
      const base = { scope: 'configuration', subjectId: configuration.id };
      expect(await pathsOf({ ...base, requestsPerMinute: 0 })).toEqual(['requestsPerMinute']);
      expect(await pathsOf({ ...base, requestsPerMinute: 1.5 })).toEqual(['requestsPerMinute']);
      expect(await pathsOf({ ...base, tokensPerMinute: '100' })).toEqual(['tokensPerMinute']);
      expect(await pathsOf({ ...base, tokensPerMinute: -3 })).toEqual(['tokensPerMinute']);
      expect(await pathsOf(base)).toEqual(['limits']);
      expect(await pathsOf({ ...base, scope: 'site', requestsPerMinute: 1 })).toEqual(['scope']);
      expect(await pathsOf({ ...base, subjectId: 999999, requestsPerMinute: 1 })).toEqual([
        'subjectId',
      ]);
      expect(await pathsOf({ scope: 'user', subjectId: 999999, requestsPerMinute: 1 })).toEqual([
        'subjectId',
      ]);
      expect((await post([])).status).toBe(400);
      expect(await app.strapi.db.query('plugin::llm.rate-limit').count({})).toBe(0);
    });
  });
});
