import { adminToken } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createConfiguration,
  createModel,
  createStubProvider,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
} from '../support/fixtures';

const CM = '/content-manager/collection-types/plugin::llm.configuration';

describe(`fallback chains: each configuration names the next (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    stub: { defaultBehavior: { usage: { input: 2, output: 3 } } },
  });
  let token: string;
  let model: { id: number };

  beforeAll(async () => {
    ({ token } = await adminToken(app.strapi, app.request, ['strapi-super-admin']));
    const provider = await createStubProvider(app.strapi, stub, { name: 'Chained' });
    model = await createModel(app.strapi, provider, { modelId: 'chained' });
  });

  /** Configurations chained in order: the first falls back to the second, and so on. */
  async function chain(length: number) {
    const made: any[] = [];
    for (let i = 0; i < length; i++)
      made.unshift(
        await createConfiguration(app.strapi, model, made.length ? { fallback: made[0].id } : {})
      );
    return made;
  }

  it('walks the chain in order: A fails, B fails, C serves; each row names the hop it came from', async () => {
    const [a, b, c] = await chain(3);
    stub.next({ status: 503 }, { status: 502 });
    const result = await llm(app.strapi).chat({ configuration: a.id, prompt: 'chain' });
    expect(result.fallbackFrom).toMatchObject({ configurationId: a.id });
    await flushUsage(app.strapi);
    const rows = (await usageRows(app.strapi, { modelId: model.id })).slice(-3);
    expect(rows.map((r) => [r.configurationId, r.fallbackFromConfigurationId, r.success])).toEqual([
      [a.id, null, false],
      [b.id, a.id, false],
      [c.id, b.id, true],
    ]);
  });

  it('links every attempt to the first of its call (attemptOf): a retry and a fallback hop, not a neighbour', async () => {
    const retrying = await createStubProvider(app.strapi, stub, {
      name: 'Retrying',
      maxRetries: 1,
    });
    const retried = await createModel(app.strapi, retrying, { modelId: 'retried' });
    const backup = await createConfiguration(app.strapi, retried);
    const primary = await createConfiguration(app.strapi, retried, { fallback: backup.id });
    // A call of its own first, failing moments before by the same caller: never grouped with it.
    stub.next({ status: 400 });
    await llm(app.strapi)
      .chat({ configuration: primary.id, prompt: 'links', source: 'links' })
      .catch(() => null);
    // Then: 503, its retry 503 (same configuration), the fallback serves.
    stub.next({ status: 503 }, { status: 503 });
    await llm(app.strapi).chat({ configuration: primary.id, prompt: 'links', source: 'links' });
    await flushUsage(app.strapi);
    const rows = (await usageRows(app.strapi, { modelId: retried.id })).slice(-4);
    const [alone, first, retry, hop] = rows;
    expect(rows.map((r) => [r.configurationId, r.success, r.attemptOf])).toEqual([
      [primary.id, false, null],
      [primary.id, false, null],
      [primary.id, false, first.requestId],
      [backup.id, true, first.requestId],
    ]);
    // The request log's detail of any attempt lists the three, oldest first, and not the neighbour.
    for (const member of [first, retry, hop]) {
      const res = await app.request
        .get(`/llm/requests/${member.id}`)
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body.data.attempts.map((a: any) => [a.id, a.kind])).toEqual([
        [first.id, 'first'],
        [retry.id, 'retry'],
        [hop.id, 'fallback'],
      ]);
    }
    const lone = await app.request
      .get(`/llm/requests/${alone.id}`)
      .set('Authorization', `Bearer ${token}`);
    expect(lone.body.data.attempts.map((a: any) => a.id)).toEqual([alone.id]);
  });

  it('stops after four fallbacks however long the chain', async () => {
    const configurations = await chain(7);
    stub.next(...Array.from({ length: 7 }, () => ({ status: 503 })));
    const before = stub.requests.length;
    const error = await llm(app.strapi)
      .chat({ configuration: configurations[0].id, prompt: 'long' })
      .catch((e: any) => e);
    expect(error.code).toBe('provider_error');
    // The configuration itself and four fallbacks: five provider requests.
    expect(stub.requests.length - before).toBe(5);
    stub.reset();
  });

  it('refuses on save a fallback that would loop back (A → B → C → A), naming the chain', async () => {
    const [a, b, c] = await chain(3);
    const response = await app.request
      .put(`${CM}/${c.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ fallback: { connect: [{ id: a.id, documentId: a.documentId }] } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(`${a.name} → ${b.name} → ${c.name}`);
    await expect(
      app.strapi
        .documents('plugin::llm.configuration')
        .update({ documentId: c.documentId, data: { fallback: a.id } as any })
    ).rejects.toMatchObject({ name: 'ValidationError' });
    // Nothing was saved: C still has no fallback.
    const saved = await app.strapi.db
      .query('plugin::llm.configuration')
      .findOne({ where: { id: c.id }, populate: ['fallback'] });
    expect(saved.fallback).toBeNull();
  });

  it('refuses a configuration as its own fallback, and accepts a chain without a loop', async () => {
    const [a] = await chain(1);
    const self = await app.request
      .put(`${CM}/${a.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ fallback: { connect: [{ id: a.id, documentId: a.documentId }] } });
    expect(self.status).toBe(400);
    const [other] = await chain(1);
    const fine = await app.request
      .put(`${CM}/${a.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ fallback: { connect: [{ id: other.id, documentId: other.documentId }] } });
    expect(fine.status).toBe(200);
  });
});
