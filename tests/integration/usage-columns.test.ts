import { adminToken, createAdminUser, login } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createConfiguration,
  createModel,
  createProvider,
  createStubProvider,
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
} from '../support/fixtures';
import { writeEvents } from '../support/usage-events';

const KINDS = {
  provider: 'providerId',
  model: 'modelId',
  configuration: 'configurationId',
  task: 'taskId',
} as const;
const DAY = 86_400_000;

describe(`30-day usage columns for the Content Manager list views (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    stub: { defaultBehavior: { usage: { input: 700, output: 300 } } },
  });
  let superToken: string;
  const records: Record<keyof typeof KINDS, any[]> = {
    provider: [],
    model: [],
    configuration: [],
    task: [],
  };

  beforeAll(async () => {
    superToken = (await adminToken(app.strapi, app.request)).token;

    // Two providers with the same adapter type: their figures must not be lumped together.
    const a = await createStubProvider(app.strapi, stub, { name: 'OpenAI A' });
    const b = await createStubProvider(app.strapi, stub, { name: 'OpenAI B' });
    const idle = await createProvider(app.strapi, { adapter: 'anthropic', name: 'Idle' });
    const priced = await createModel(app.strapi, a, {
      modelId: 'priced',
      priceInput: '1',
      priceOutput: '2',
    });
    const free = await createModel(app.strapi, b, {
      modelId: 'free',
      priceInput: '0',
      priceOutput: '0',
    });
    const unpriced = await createModel(app.strapi, b, { modelId: 'unpriced-anywhere' });
    const c1 = await createConfiguration(app.strapi, priced);
    const c2 = await createConfiguration(app.strapi, free);
    const t1 = await createTask(app.strapi, c1, { promptTemplate: 'T1 {{x}}' });
    const t2 = await createTask(app.strapi, c2, { promptTemplate: 'T2 {{x}}' });
    Object.assign(records, {
      provider: [a, b, idle],
      model: [priced, free, unpriced],
      configuration: [c1, c2],
      task: [t1, t2],
    });

    const gateway = llm(app.strapi);
    for (let i = 0; i < 3; i += 1) await gateway.runTask(t1.id, { x: i });
    for (let i = 0; i < 2; i += 1) await gateway.runTask(t2.id, { x: i });
    await gateway.chat({ configuration: c1.id, prompt: 'outside any task' });
    await gateway.chat({ model: unpriced.id, prompt: 'cannot be priced' });
    await flushUsage(app.strapi);
    // Older usage: 29 days ago is inside the window, 31 days ago is not.
    await writeEvents(app.strapi, 'UTC', [
      {
        occurredAt: new Date(Date.now() - 29 * DAY),
        providerId: a.id,
        modelId: priced.id,
        configurationId: c1.id,
        taskId: t1.id,
        inputTokens: 10,
        outputTokens: 5,
        costNano: 123n,
      },
      {
        occurredAt: new Date(Date.now() - 31 * DAY),
        providerId: a.id,
        modelId: priced.id,
        configurationId: c1.id,
        taskId: t1.id,
        inputTokens: 99,
        outputTokens: 99,
        costNano: 999n,
      },
    ]);
  });

  const get = (kind: string, ids: number[], token = superToken) =>
    app.request
      .get(`/llm/usage-columns/${kind}?ids=${ids.join(',')}`)
      .set('Authorization', `Bearer ${token}`);

  it.each(Object.keys(KINDS) as Array<keyof typeof KINDS>)(
    '%s figures equal the raw usage rows of the last 30 days',
    async (kind) => {
      const ids = records[kind].map((r) => r.id);
      const response = await get(kind, ids);
      expect(response.status).toBe(200);

      const from = response.body.meta.from;
      const rows = (await usageRows(app.strapi)).filter(
        (r) => r.day >= from && r.errorCode !== 'budget_exceeded'
      );
      const expected: Record<string, any> = {};
      for (const r of rows) {
        const id = r[KINDS[kind]];
        if (!id || !ids.includes(id)) continue;
        const e = (expected[id] ??= { cost: 0n, requests: 0, tokens: 0, unpricedRequests: 0 });
        e.cost += r.costNano === null ? 0n : BigInt(r.costNano);
        e.requests += 1;
        e.tokens += r.inputTokens + r.outputTokens;
        if (r.success && r.costNano === null) e.unpricedRequests += 1;
      }
      const actual = Object.fromEntries(
        Object.entries(response.body.data as Record<string, any>).map(([id, f]) => {
          const [whole, frac = ''] = f.costUsd.split('.');
          return [
            id,
            {
              cost: BigInt(whole) * 1_000_000_000n + BigInt(frac.padEnd(9, '0')),
              requests: f.requests,
              tokens: f.tokens,
              unpricedRequests: f.unpricedRequests,
            },
          ];
        })
      );
      expect(actual).toEqual(expected);
    }
  );

  it('keeps two providers of one adapter type apart, leaves idle rows out, and attributes task-less calls to no task', async () => {
    const providers = (
      await get(
        'provider',
        records.provider.map((p) => p.id)
      )
    ).body.data;
    const [a, b, idle] = records.provider;
    expect(providers[a.id].requests).toBe(5);
    expect(providers[b.id].requests).toBe(3);
    expect(providers[idle.id]).toBeUndefined();
    const tasks = (
      await get(
        'task',
        records.task.map((t) => t.id)
      )
    ).body.data;
    expect(tasks[records.task[0].id].requests).toBe(4);
    expect(tasks[records.task[1].id].requests).toBe(2);
    const models = (
      await get(
        'model',
        records.model.map((m) => m.id)
      )
    ).body.data;
    expect(models[records.model[1].id]).toMatchObject({ costUsd: '0.00', requests: 2 });
    expect(models[records.model[2].id]).toMatchObject({ unpricedRequests: 1, costUsd: '0.00' });
  });

  it('counts a unit-priced model in its unit (images, characters), not as 0 tokens', async () => {
    const provider = await createStubProvider(app.strapi, stub, { name: 'Images' });
    const images = await createModel(app.strapi, provider, {
      modelId: 'image-model',
      priceImage: '0.04',
    });
    const speech = await createModel(app.strapi, provider, {
      modelId: 'tts-model',
      priceCharacters: '15',
    });
    await llm(app.strapi).image({ model: images.id, prompt: 'a cat', n: 3 });
    await llm(app.strapi).image({ model: images.id, prompt: 'a dog', n: 2 });
    await llm(app.strapi).speech({ model: speech.id, text: 'Twelve chars' });
    await flushUsage(app.strapi);
    const models = (await get('model', [images.id, speech.id])).body.data;
    expect(models[images.id]).toMatchObject({
      requests: 2,
      tokens: 0,
      units: 5,
      unitKind: 'images',
      costUsd: '0.20',
    });
    expect(models[speech.id]).toMatchObject({ units: 12, unitKind: 'characters' });
    const providers = (await get('provider', [provider.id])).body.data;
    expect(providers[provider.id]).toMatchObject({ units: 17, unitKind: null });
  });

  it('answers whoever may read the type in the Content Manager, and 403 to others', async () => {
    const role = await app.strapi
      .service('admin::role')
      .create({ name: `Provider readers ${Date.now()}`, description: 'reads providers' });
    await app.strapi.service('admin::role').assignPermissions(role.id, [
      {
        action: 'plugin::content-manager.explorer.read',
        subject: 'plugin::llm.provider',
        properties: { fields: ['name', 'adapter'] },
        conditions: [],
      },
    ]);
    const reader = await login(app.request, await createAdminUser(app.strapi, [role.id]));
    expect((await get('provider', [records.provider[0].id], reader)).status).toBe(200);
    expect((await get('model', [records.model[0].id], reader)).status).toBe(403);

    const nobody = await app.strapi
      .service('admin::role')
      .create({ name: `Nothing ${Date.now()}`, description: 'no permission' });
    const outsider = await login(app.request, await createAdminUser(app.strapi, [nobody.id]));
    expect((await get('provider', [records.provider[0].id], outsider)).status).toBe(403);
    expect((await app.request.get('/llm/usage-columns/provider?ids=1')).status).toBe(401);
  });

  it('rejects bad input with a clear 400 or 404', async () => {
    expect(
      (
        await app.request
          .get('/llm/usage-columns/provider?ids=1,abc')
          .set('Authorization', `Bearer ${superToken}`)
      ).status
    ).toBe(400);
    expect(
      (
        await app.request
          .get('/llm/usage-columns/provider?ids=1;DROP TABLE x')
          .set('Authorization', `Bearer ${superToken}`)
      ).status
    ).toBe(400);
    expect(
      (
        await app.request
          .get('/llm/usage-columns/article?ids=1')
          .set('Authorization', `Bearer ${superToken}`)
      ).status
    ).toBe(404);
    const empty = await app.request
      .get('/llm/usage-columns/provider')
      .set('Authorization', `Bearer ${superToken}`);
    expect(empty.status).toBe(200);
    expect(empty.body.data).toEqual({});
  });
});
