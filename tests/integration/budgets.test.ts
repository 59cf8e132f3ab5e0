import { adminToken, createAdminUser } from '../support/admin';
import { currentClient } from '../support/database';
import {
  clearBudgets,
  createConfiguration,
  createModel,
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';

describe(`budgets are enforced before the call, race-free (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    env: (stub) => ({
      LLM_TIME_ZONE: 'Europe/Berlin',
      LLM_ALERT_WEBHOOK: `${stub.url}/hooks/budget`,
    }),
    stub: { resetBeforeEach: true, defaultBehavior: { usage: { input: 1, output: 500 } } },
  });
  let model: any;
  let configuration: any;
  let cheap: any;
  const budgets = () => app.strapi.plugin('llm').service('budget');
  const alerts: any[] = [];

  beforeAll(async () => {
    let provider: any;
    ({ provider, model, configuration } = await withConfiguredModel(app.strapi, stub, {
      // $1 per million tokens either way: 1,000 nano-USD a token.
      model: { modelId: 'budgeted', priceInput: '1', priceOutput: '1' },
      configuration: { maxOutputTokens: 1000 },
    }));
    const freeModel = await createModel(app.strapi, provider, {
      modelId: 'free-fallback',
      priceInput: '0',
      priceOutput: '0',
    });
    cheap = await createConfiguration(app.strapi, freeModel, { maxOutputTokens: 1000 });
    app.strapi.eventHub.on('llm.budget.threshold', async (alert: unknown) => {
      alerts.push(alert);
    });
  });

  beforeEach(async () => {
    alerts.length = 0;
    budgets().setClock(null);
    await clearBudgets(app.strapi);
  });

  const createBudget = (data: Record<string, unknown>) =>
    budgets().create({ name: `b-${Date.now()}`, onExceed: 'block', active: true, ...data });
  /** An editor whose daily budget ($0.001) falls back to the free configuration. */
  async function editorWithFallback() {
    const user = await createAdminUser(app.strapi, ['strapi-editor']);
    // Less than one worst case of the priced model; the free fallback reserves $0.
    await createBudget({
      scope: 'user',
      userId: user.id,
      dailyCost: '0.001',
      onExceed: 'fallback',
      fallbackConfigurationId: cheap.id,
    });
    return user;
  }

  it('200 concurrent calls at a site budget edge: spend stays within the limit, every call served or refused', async () => {
    await createBudget({ scope: 'site', monthlyCost: '0.05' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        llm(app.strapi).chat({ configuration: configuration.id, prompt: `p${i}`, user: null })
      )
    );
    const served = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(served.length + refused.length).toBe(200);
    expect(refused.map((r) => r.reason.code)).toEqual(refused.map(() => 'budget_exceeded'));
    expect(served.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);

    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { modelId: model.id });
    const spent = rows.filter((r) => r.success).reduce((sum, r) => sum + BigInt(r.costNano), 0n);
    expect(spent).toBeLessThanOrEqual(50_000_000n);
    expect(rows.filter((r) => r.success)).toHaveLength(served.length);
    expect(rows.filter((r) => r.errorCode === 'budget_exceeded')).toHaveLength(refused.length);
    expect(
      rows.filter((r) => r.errorCode === 'budget_exceeded').every((r) => r.costNano === null)
    ).toBe(true);

    // The counter holds exactly the settled spend of the served calls.
    const [counter] = await app.strapi.db.query('plugin::llm.budget-counter').findMany({});
    expect(BigInt(counter.monthCostNano)).toBe(spent);
    expect(BigInt(counter.monthRequests)).toBe(BigInt(served.length));
  });

  it('admits from leased room without overshooting, and refuses only when less than one worst case is left', async () => {
    // About 64 worst cases (~1,005 tokens at 1,000 nano-USD each): wide enough for leases of 4 calls.
    const budget = await createBudget({ scope: 'site', dailyCost: '0.064' });
    const requestIds: string[] = [];
    let refusal: any;
    while (!refusal && requestIds.length < 1000) {
      await llm(app.strapi)
        .chat({ configuration: configuration.id, prompt: 'x', user: null })
        .then((result: any) => requestIds.push(result.usage.requestId))
        .catch((error: any) => (refusal = error));
    }
    const served = requestIds.length;
    expect(refusal).toMatchObject({
      code: 'budget_exceeded',
      details: { window: 'day', metric: 'cost' },
    });
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { requestId: { $in: requestIds }, success: true });
    expect(rows.length).toBe(served);
    const spent = rows.reduce((sum, r) => sum + BigInt(r.costNano), 0n);
    const counter = await app.strapi.db
      .query('plugin::llm.budget-counter')
      .findOne({ where: { budgetId: budget.id } });
    expect(BigInt(counter.dayCostNano)).toBe(spent);
    expect(BigInt(counter.dayRequests)).toBe(BigInt(served));
    expect(spent).toBeLessThanOrEqual(64_000_000n);
    // The room left when refused is less than one worst case (~1,005,000 nano-USD): leases kept none of it idle.
    expect(64_000_000n - spent).toBeLessThan(1_100_000n);
  });

  it('resets daily and monthly windows at local midnight in the configured time zone', async () => {
    const user = await createAdminUser(app.strapi, ['strapi-editor']);
    await createBudget({ scope: 'user', userId: user.id, dailyRequests: 2, monthlyRequests: 3 });
    const call = () =>
      llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: user.id });

    // 23:30 on 31 March in Berlin (UTC+2).
    budgets().setClock(() => new Date('2026-03-31T21:30:00Z'));
    await call();
    await call();
    const daily = await call().catch((e: any) => e);
    expect(daily).toMatchObject({
      code: 'budget_exceeded',
      details: { window: 'day', metric: 'requests', used: '2', limit: '2', resetsOn: '2026-04-01' },
    });

    // 00:30 on 1 April in Berlin: a new day and a new month.
    budgets().setClock(() => new Date('2026-03-31T22:30:00Z'));
    await call();
    await call();
    // 2 April: a new day, but the month already has 2 of its 3.
    budgets().setClock(() => new Date('2026-04-02T08:00:00Z'));
    await call();
    const monthly = await call().catch((e: any) => e);
    expect(monthly).toMatchObject({
      code: 'budget_exceeded',
      details: {
        window: 'month',
        metric: 'requests',
        used: '3',
        limit: '3',
        resetsOn: '2026-05-01',
      },
    });
    expect(monthly.message).toContain('Monthly requests budget');
  });

  it('applies a role budget to each member separately, and not to other roles', async () => {
    const editorRole = await app.strapi.db
      .query('admin::role')
      .findOne({ where: { code: 'strapi-editor' } });
    const [a, b] = [
      await createAdminUser(app.strapi, ['strapi-editor']),
      await createAdminUser(app.strapi, ['strapi-editor']),
    ];
    const author = await createAdminUser(app.strapi, ['strapi-author']);
    await createBudget({ scope: 'role', roleId: editorRole.id, dailyRequests: 1 });
    const call = (userId: number) =>
      llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: userId });

    await call(a.id);
    await call(b.id);
    await expect(call(a.id)).rejects.toMatchObject({ code: 'budget_exceeded' });
    await expect(call(b.id)).rejects.toMatchObject({ code: 'budget_exceeded' });
    await call(author.id);
    await call(author.id);
  });

  it('checks system calls (no user) against site budgets only', async () => {
    const user = await createAdminUser(app.strapi, ['strapi-editor']);
    await createBudget({ scope: 'user', userId: user.id, dailyRequests: 1 });
    await createBudget({ scope: 'site', dailyRequests: 3 });
    await llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null });
    await llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: user.id });
    await expect(
      llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: user.id })
    ).rejects.toMatchObject({
      details: { scope: 'user' },
    });
    await llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null });
    await expect(
      llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null })
    ).rejects.toMatchObject({
      details: { scope: 'site', window: 'day' },
    });
  });

  it('falls back to a cheaper configuration instead of blocking, and the rows say so', async () => {
    const user = await editorWithFallback();
    const result = await llm(app.strapi).chat({
      configuration: configuration.id,
      prompt: 'x',
      user: user.id,
    });
    expect(result.fallbackFrom).toMatchObject({ configurationId: configuration.id });
    await flushUsage(app.strapi);
    const [served] = await usageRows(app.strapi, { requestId: result.usage.requestId });
    expect(served).toMatchObject({
      success: true,
      configurationId: cheap.id,
      fallbackFromConfigurationId: configuration.id,
      userId: user.id,
    });
    const blocked = await usageRows(app.strapi, { userId: user.id, errorCode: 'budget_exceeded' });
    expect(blocked).toHaveLength(1);
    expect(blocked[0].configurationId).toBe(configuration.id);
  });

  it('serves a refused stream from the fallback configuration too', async () => {
    const user = await editorWithFallback();
    const { textStream, result } = await llm(app.strapi).stream({
      configuration: configuration.id,
      prompt: 'x',
      user: user.id,
    });
    let text = '';
    for await (const chunk of textStream) text += chunk;
    const served = await result;
    expect(text.length).toBeGreaterThan(0);
    expect(served.fallbackFrom).toMatchObject({ configurationId: configuration.id });
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { userId: user.id });
    expect(rows.map((r) => [r.configurationId, r.errorCode, r.streamed])).toEqual(
      expect.arrayContaining([
        [configuration.id, 'budget_exceeded', expect.anything()],
        [cheap.id, null, true],
      ])
    );
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.success).fallbackFromConfigurationId).toBe(configuration.id);
  });

  it('fires each alert threshold exactly once per window, as an event and a webhook', async () => {
    await createBudget({ scope: 'site', dailyRequests: 10, alertThresholds: [50, 100] });
    budgets().setClock(() => new Date('2026-06-10T10:00:00Z'));
    await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null })
      )
    );
    await flushUsage(app.strapi);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alerts.map((a) => a.threshold).sort((x, y) => x - y)).toEqual([50, 100]);
    expect(alerts.every((a) => a.windowKey === 'day:2026-06-10')).toBe(true);
    const hooks = stub.requests.filter((r) => r.path === '/hooks/budget');
    expect(hooks.map((h) => h.body.alert.threshold).sort((x: number, y: number) => x - y)).toEqual([
      50, 100,
    ]);

    // The next day is a new window: the thresholds fire again, once each.
    alerts.length = 0;
    budgets().setClock(() => new Date('2026-06-11T10:00:00Z'));
    await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null })
      )
    );
    await flushUsage(app.strapi);
    expect(alerts.map((a) => a.threshold).sort((x, y) => x - y)).toEqual([50, 100]);
  });

  it("e-mails each alert through Strapi's email plugin to the configured addresses and the user", async () => {
    const user = await createAdminUser(app.strapi, ['strapi-editor']);
    const outbox: any[] = [];
    const email = app.strapi.plugin('email') as any;
    const transport = email.provider;
    // Only the transport is replaced (no SMTP server here); Strapi's email service does the rest.
    email.provider = { send: async (message: unknown) => void outbox.push(message) };
    const alertsConfig = app.strapi.config.get('plugin::llm.alerts');
    app.strapi.config.set('plugin::llm.alerts', {
      email: { to: ['ops@example.com'], notifyUser: true, from: 'llm@example.com' },
    });
    try {
      await createBudget({
        name: 'editor cap',
        scope: 'user',
        userId: user.id,
        dailyRequests: 2,
        alertThresholds: [50],
      });
      await llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: user.id });
      await flushUsage(app.strapi);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({
        to: `ops@example.com,${user.email}`,
        from: 'llm@example.com',
        subject: 'LLM budget "editor cap" at 50%',
      });
      expect(outbox[0].text).toContain('daily requests budget "editor cap" reached 50% (1 of 2)');
    } finally {
      email.provider = transport;
      app.strapi.config.set('plugin::llm.alerts', alertsConfig);
    }
  });

  it('answers 429 with which limit, used, limit and reset day on admin routes', async () => {
    const { user, token } = await adminToken(app.strapi, app.request);
    const task = await createTask(app.strapi, configuration, { promptTemplate: 'Hello {{x}}' });
    await createBudget({ scope: 'user', userId: user.id, dailyRequests: 1 });
    const run = () =>
      app.request
        .post(`/llm/tasks/${task.id}/run`)
        .set('Authorization', `Bearer ${token}`)
        .send({ variables: { x: 'y' } });
    expect((await run()).status).toBe(200);
    const refused = await run();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      name: 'BudgetExceededError',
      details: {
        code: 'budget_exceeded',
        budget: {
          scope: 'user',
          window: 'day',
          metric: 'requests',
          used: '1',
          limit: '1',
          timeZone: 'Europe/Berlin',
        },
      },
    });
    expect(refused.body.error.message).toMatch(
      /Daily requests budget ".*" exceeded: used 1 of 1; it resets on \d{4}-\d{2}-\d{2} \(Europe\/Berlin\)/
    );
    expect(refused.body.error.details.requestId).toBeDefined();
  });

  it('manages budgets over HTTP with clear validation, and shows users what they have left', async () => {
    const { user, token } = await adminToken(app.strapi, app.request);
    const send = (method: 'post' | 'put' | 'get' | 'delete', url: string, t = token) =>
      app.request[method](url).set('Authorization', `Bearer ${t}`);

    const bad = await send('post', '/llm/budgets').send({
      name: 'x',
      scope: 'user',
      userId: user.id,
      monthlyCost: '-5',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('monthly cost limit');
    expect(bad.body.error.details.errors.map((e: any) => e.path)).toEqual([['monthlyCost']]);
    const none = await send('post', '/llm/budgets').send({ name: 'x', scope: 'site' });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('at least one limit');

    const created = await send('post', '/llm/budgets').send({
      name: 'Mine',
      scope: 'user',
      userId: user.id,
      monthlyCost: '2.50',
      dailyRequests: 100,
    });
    expect(created.status).toBe(201);
    await llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: user.id });

    await flushUsage(app.strapi);
    const mine = await send('get', '/llm/me/budget');
    expect(mine.status).toBe(200);
    const month = mine.body.data[0].windows.find((w: any) => w.window === 'month');
    // One call: 1 input + 500 output tokens at $1/M.
    expect(month.cost).toEqual({ used: '0.000501', limit: '2.50' });

    const list = await send('get', '/llm/budgets');
    expect(list.body.data).toHaveLength(1);
    const editor = await adminToken(app.strapi, app.request, ['strapi-editor']);
    expect((await send('get', '/llm/budgets', editor.token)).status).toBe(403);
    expect((await send('get', '/llm/me/budget', editor.token)).status).toBe(200);
    expect((await send('delete', `/llm/budgets/${created.body.data.id}`)).status).toBe(200);
    expect((await send('delete', `/llm/budgets/${created.body.data.id}`)).status).toBe(404);
  });

  it('reports every problem of a budget at once, each under its own field, in plain words', async () => {
    const { token } = await adminToken(app.strapi, app.request);
    const post = (body: object, t = token) =>
      app.request.post('/llm/budgets').set('Authorization', `Bearer ${t}`).send(body);
    const errorsOf = (response: any) =>
      response.body.error.details.errors.map((e: any) => [e.path.join('.'), e.message]);

    // Two bad limits: two errors, keyed by field (before, only the first problem was placed).
    const two = await post({ name: 'x', scope: 'site', dailyCost: '-1', monthlyTokens: '1.5' });
    expect(two.status).toBe(400);
    expect(errorsOf(two)).toEqual([
      ['dailyCost', expect.stringMatching(/^The daily cost limit must be an amount in USD/)],
      ['monthlyTokens', expect.stringMatching(/^The monthly token limit must be a whole number/)],
    ]);
    // No internal field names in what a person reads.
    for (const [, message] of errorsOf(two)) expect(message).not.toMatch(/[a-z][A-Z]/);

    // Nothing right: name, the user a user budget needs, the fallback and the missing limit.
    const all = await post({ name: ' ', scope: 'user', onExceed: 'fallback' });
    expect(errorsOf(all).map(([path]: string[]) => path)).toEqual([
      'name',
      'userId',
      'fallbackConfigurationId',
      'limits',
    ]);
    expect(all.body.error.message).toBe(errorsOf(all)[0][1]);

    // A user that does not exist: under the user field too.
    const ghost = await post({ name: 'x', scope: 'user', userId: 999999, dailyRequests: 5 });
    expect(ghost.status).toBe(400);
    expect(errorsOf(ghost)).toEqual([['userId', expect.stringContaining('no admin user 999999')]]);
    expect(await budgets().list()).toHaveLength(0);

    // Someone without budgets.manage is refused before anything is validated or stored.
    const editor = await adminToken(app.strapi, app.request, ['strapi-editor']);
    const refused = await post({ name: 'x', scope: 'site', dailyRequests: 5 }, editor.token);
    expect(refused.status).toBe(403);
    expect(await budgets().list()).toHaveLength(0);
  });
});
