import { adminToken, createAdminUser, createFullAccessToken } from '../support/admin';
import { currentClient } from '../support/database';
import {
  clearBudgets,
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';
import { startBudgetWorker } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

// Two processes need a database server to share; SQLite is one file for one process here.
const shared = ['postgres', 'mysql'].includes(currentClient());

/**
 * Budgets per API token (issue 19): a front-end calling through the content API with its own token
 * gets its own allowance, enforced before the call on the same counters, leases and settlements as
 * a user's budget. Calls with another token, by an admin user or without any token are unaffected.
 */
describe(`API-token budgets (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    stub: { resetBeforeEach: true, defaultBehavior: { usage: { input: 1, output: 500 } } },
  });
  let configuration: any;
  let task: any;
  const budgets = () => app.strapi.plugin('llm').service('budget');
  const alerts: any[] = [];

  beforeAll(async () => {
    ({ configuration } = await withConfiguredModel(app.strapi, stub, {
      // $1 per million tokens either way: a call (1 + 500 tokens) costs $0.000501.
      model: { modelId: 'token-budgeted', priceInput: '1', priceOutput: '1' },
      configuration: { maxOutputTokens: 1000 },
    }));
    task = await createTask(app.strapi, configuration, {
      promptTemplate: 'Alt text for {{subject}}',
      contentApi: true,
    });
    app.strapi.eventHub.on('llm.budget.threshold', async (alert: unknown) => {
      alerts.push(alert);
    });
  });

  beforeEach(async () => {
    alerts.length = 0;
    await clearBudgets(app.strapi);
  });

  const createBudget = (data: Record<string, unknown>) =>
    budgets().create({ name: `b-${Date.now()}`, onExceed: 'block', active: true, ...data });
  /** A call from a front-end: the content API, authenticated by the token's key. */
  const runWith = (accessKey: string) =>
    app.request
      .post(`/api/llm/tasks/${task.documentId}/run`)
      .set('Authorization', `Bearer ${accessKey}`)
      .send({ variables: { subject: 'a red bicycle' } });
  /** A call attributed to a token by app code (as the content-API routes do). */
  const callWith = (apiTokenId: number) =>
    llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null, apiTokenId });

  it("refuses the token's calls past its limit, naming the budget; another token, an admin user and system calls pass", async () => {
    const [front, other] = [
      await createFullAccessToken(app.strapi, 'front'),
      await createFullAccessToken(app.strapi, 'other'),
    ];
    const user = await createAdminUser(app.strapi, ['strapi-editor']);
    await createBudget({
      name: 'Front-end allowance',
      scope: 'apiToken',
      apiTokenId: front.id,
      dailyRequests: 2,
    });

    expect((await runWith(front.accessKey)).status).toBe(200);
    expect((await runWith(front.accessKey)).status).toBe(200);
    const refused = await runWith(front.accessKey);
    expect(refused.status).toBe(429);
    // A content-API caller learns the code and the request id, never budgets (controllers/respond.ts)…
    expect(refused.body.error.details).toEqual({
      code: 'budget_exceeded',
      requestId: expect.any(String),
    });
    expect(JSON.stringify(refused.body)).not.toContain('Front-end allowance');
    // …app code gets the whole refusal, naming the token budget.
    await expect(callWith(front.id)).rejects.toMatchObject({
      code: 'budget_exceeded',
      message: expect.stringContaining('Daily requests budget "Front-end allowance" exceeded'),
      details: {
        budgetName: 'Front-end allowance',
        scope: 'apiToken',
        window: 'day',
        metric: 'requests',
        used: '2',
        limit: '2',
      },
    });

    expect((await runWith(other.accessKey)).status).toBe(200);
    await llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: user.id });
    await llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null });
    expect(stub.requests).toHaveLength(5);

    // The refusal is a usage row like any budget refusal: the token's, no provider call, no cost.
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { apiTokenId: front.id });
    expect(rows).toHaveLength(4);
    const [fromApi] = rows.filter((r) => r.errorCode === 'budget_exceeded');
    expect(fromApi).toMatchObject({
      requestId: refused.body.error.details.requestId,
      success: false,
      apiTokenId: front.id,
      userId: null,
      source: 'content-api',
    });
    expect(fromApi.errorMessage).toContain('"Front-end allowance"');
  });

  it('starts its counter from the usage already in the window (the rollups of that token)', async () => {
    const [front, other] = [
      await createFullAccessToken(app.strapi, 'front'),
      await createFullAccessToken(app.strapi, 'other'),
    ];
    for (let i = 0; i < 3; i += 1) await callWith(front.id);
    await callWith(other.id);
    await llm(app.strapi).chat({ configuration: configuration.id, prompt: 'x', user: null });
    // Two answers the response cache gave the token: requests in the rollups, but no provider call,
    // so no budget request (live counters never count a hit; a counter born later must not either).
    const now = app.strapi.plugin('llm').service('clock').now();
    await writeEvents(app.strapi, 'UTC', [
      { occurredAt: now, apiTokenId: front.id, cacheHit: true, costNano: 0n, savedNano: 501000n },
      { occurredAt: now, apiTokenId: front.id, cacheHit: true, costNano: 0n, savedNano: 501000n },
    ]);
    await flushUsage(app.strapi);

    const budget = await createBudget({
      scope: 'apiToken',
      apiTokenId: front.id,
      dailyRequests: 5,
      monthlyCost: '10',
    });
    const day = budget.usage.find((u: any) => u.window === 'day');
    const month = budget.usage.find((u: any) => u.window === 'month');
    expect(day.requests).toEqual({ used: '3', limit: '5' });
    // Three calls at $0.000501, and only this token's.
    expect(month.cost).toEqual({ used: '0.001503', limit: '10.00' });

    await callWith(front.id);
    await callWith(front.id);
    await expect(callWith(front.id)).rejects.toMatchObject({
      code: 'budget_exceeded',
      details: { scope: 'apiToken', used: '5', limit: '5' },
    });
    await callWith(other.id);
  });

  it('50 concurrent calls with one token at the edge: never more admitted than the limit, the counter equals the rows', async () => {
    const front = await createFullAccessToken(app.strapi, 'front');
    const other = await createFullAccessToken(app.strapi, 'other');
    // Ten calls' actual cost, about 5 of their worst cases (1,000 output tokens reserved each).
    await createBudget({ scope: 'apiToken', apiTokenId: front.id, dailyCost: '0.00501' });
    await createBudget({ scope: 'apiToken', apiTokenId: other.id, dailyRequests: 20 });
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 50 }, () => callWith(front.id)),
      ...Array.from({ length: 50 }, () => callWith(other.id)),
    ]);
    const unexpected = outcomes.filter(
      (o) => o.status === 'rejected' && (o.reason as { code?: string }).code !== 'budget_exceeded'
    );
    expect(unexpected).toEqual([]);

    await flushUsage(app.strapi);
    const served = async (id: number) =>
      (await usageRows(app.strapi, { apiTokenId: id })).filter((r) => r.success);
    const [mine, theirs] = [await served(front.id), await served(other.id)];
    const spent = mine.reduce((sum, r) => sum + BigInt(r.costNano), 0n);
    expect(spent).toBeLessThanOrEqual(5_010_000n);
    expect(mine.length).toBeGreaterThan(0);
    expect(theirs).toHaveLength(20);

    const list = await budgets().list();
    const usageOf = (id: number) =>
      list.find((b: any) => b.apiTokenId === id).usage.find((u: any) => u.window === 'day');
    expect(usageOf(front.id).requests.used).toBe(String(mine.length));
    expect(Math.round(Number(usageOf(front.id).cost.used) * 1e9)).toBe(Number(spent));
    expect(usageOf(other.id).requests.used).toBe('20');
  });

  (shared ? it : it.skip)(
    'two instances sharing the database, 100 concurrent calls with one token: admitted never pass its limit',
    async () => {
      const front = await createFullAccessToken(app.strapi, 'front');
      await createBudget({ scope: 'apiToken', apiTokenId: front.id, dailyRequests: 30 });
      const worker = await startBudgetWorker(app.db, configuration.id, 50, {
        BUDGET_WORKER_API_TOKEN: String(front.id),
      });
      worker.go();
      await worker.firstServed;
      const mine = await Promise.allSettled(Array.from({ length: 50 }, () => callWith(front.id)));
      expect(await worker.finished).toBe(0);
      const theirs = worker.tally();
      expect(theirs.other).toEqual([]);
      expect(
        mine.filter(
          (o) =>
            o.status === 'rejected' && (o.reason as { code?: string }).code !== 'budget_exceeded'
        )
      ).toEqual([]);
      await flushUsage(app.strapi);
      const served = (await usageRows(app.strapi, { apiTokenId: front.id })).filter(
        (r) => r.success
      );
      expect(served).toHaveLength(30);
      expect(theirs.served).toBeGreaterThan(0);
      expect(mine.filter((o) => o.status === 'fulfilled').length + theirs.served).toBe(30);
    }
  );

  it('fires threshold alerts for the token, not for a user', async () => {
    const front = await createFullAccessToken(app.strapi, 'front');
    await createBudget({
      scope: 'apiToken',
      apiTokenId: front.id,
      dailyRequests: 2,
      alertThresholds: [50],
    });
    await callWith(front.id);
    await flushUsage(app.strapi);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alerts).toMatchObject([
      { scope: 'apiToken', apiTokenId: front.id, userId: null, threshold: 50 },
    ]);
  });

  it('is managed over HTTP: the token must exist, the form lists tokens by name only, other roles are refused', async () => {
    const { token } = await adminToken(app.strapi, app.request);
    const front = await createFullAccessToken(app.strapi, 'front');
    const send = (method: 'post' | 'put' | 'get', url: string, t = token) =>
      app.request[method](url).set('Authorization', `Bearer ${t}`);

    const missing = await send('post', '/llm/budgets').send({ name: 'x', scope: 'apiToken' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors.map((e: any) => e.path)).toEqual([
      ['apiTokenId'],
      ['limits'],
    ]);
    const unknown = await send('post', '/llm/budgets').send({
      name: 'x',
      scope: 'apiToken',
      apiTokenId: 987654,
      dailyRequests: 1,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors.map((e: any) => e.path)).toEqual([['apiTokenId']]);

    const created = await send('post', '/llm/budgets').send({
      name: 'Front',
      scope: 'apiToken',
      apiTokenId: front.id,
      monthlyCost: '5',
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ scope: 'apiToken', apiTokenId: front.id });

    const list = await send('get', '/llm/budgets');
    expect(list.status).toBe(200);
    const listed = list.body.meta.apiTokens.find((t: any) => t.id === front.id);
    expect(listed).toEqual({ id: front.id, name: expect.stringContaining('front') });
    // Names and ids only: no key, hashed or not, ever leaves the server.
    expect(JSON.stringify(list.body)).not.toContain(front.accessKey);
    expect(list.body.meta.apiTokens.every((t: any) => Object.keys(t).length === 2)).toBe(true);

    const moved = await send('put', `/llm/budgets/${created.body.data.id}`).send({
      name: 'Front',
      scope: 'apiToken',
      apiTokenId: 987654,
      monthlyCost: '5',
    });
    expect(moved.status).toBe(400);

    for (const role of ['strapi-editor', 'strapi-author'] as const) {
      const other = await adminToken(app.strapi, app.request, [role]);
      expect((await send('get', '/llm/budgets', other.token)).status).toBe(403);
      const post = await send('post', '/llm/budgets', other.token).send({
        name: 'mine',
        scope: 'apiToken',
        apiTokenId: front.id,
        dailyRequests: 1000,
      });
      expect(post.status).toBe(403);
    }
  });

  it("lists the token budget's run-out on the Budgets page forecast", async () => {
    const { token } = await adminToken(app.strapi, app.request);
    const front = await createFullAccessToken(app.strapi, 'front');
    const budget = await createBudget({ scope: 'apiToken', apiTokenId: front.id, dailyCost: '1' });
    await callWith(front.id);
    await flushUsage(app.strapi);
    const forecast = await app.request
      .get('/llm/budgets/forecast')
      .set('Authorization', `Bearer ${token}`);
    expect(forecast.status).toBe(200);
    const runOuts = forecast.body.data.budgets.filter((r: any) => r.budgetId === budget.id);
    expect(runOuts).toMatchObject([
      { scope: 'apiToken', userId: null, window: 'day', used: '0.000501', limit: '1.00' },
    ]);
  });
});
