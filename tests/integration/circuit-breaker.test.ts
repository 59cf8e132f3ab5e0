import { createBreaker } from '../../server/src/circuit/breaker';
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

const OPEN_MS = 30_000;

describe(`circuit breaker per provider, shared through the database (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    env: { LLM_CIRCUIT_FAILURES: '5' },
    stub: { defaultBehavior: { usage: { input: 3, output: 4 } } },
  });
  let now = Date.parse('2026-06-01T09:00:00Z');
  const health: Array<{ providerId: number; state: string }> = [];
  const clock = () => app.strapi.plugin('llm').service('clock');
  const settled = () => app.strapi.plugin('llm').service('llm').circuitSettled();

  beforeAll(() => {
    clock().set(() => new Date(now));
    app.strapi.eventHub.on('llm.provider.health', async (event: any) => {
      health.push({ providerId: event.providerId, state: event.state });
    });
  });
  afterAll(() => clock().set(null));

  /** A provider with one model, a configuration on it, and a fallback configuration elsewhere. */
  async function chain(name: string) {
    const failing = await createStubProvider(app.strapi, stub, { name });
    const backup = await createStubProvider(app.strapi, stub, { name: `${name} backup` });
    const model = await createModel(app.strapi, failing, { modelId: `${name}-model` });
    const backupModel = await createModel(app.strapi, backup, { modelId: `${name}-backup` });
    const fallback = await createConfiguration(app.strapi, backupModel);
    const primary = await createConfiguration(app.strapi, model, { fallback: fallback.id });
    const alone = await createConfiguration(app.strapi, model);
    return { failing, backup, model, primary, alone };
  }

  const chat = (configuration: number) =>
    llm(app.strapi)
      .chat({ configuration, prompt: 'hi' })
      .catch((error: any) => error);

  it('opens after 5 failures the gateway would retry, then skips the provider straight to the fallback', async () => {
    const { failing, primary } = await chain('flaky');
    for (let i = 0; i < 5; i++) {
      stub.next({ status: 503 });
      const served = await chat(primary.id);
      expect(served.fallbackFrom).toMatchObject({ configurationId: primary.id });
      await settled();
    }
    expect(health).toContainEqual({ providerId: failing.id, state: 'open' });
    // Open: the provider is not asked at all; the fallback serves the call.
    const before = stub.requests.length;
    const skipped = await chat(primary.id);
    expect(skipped.fallbackFrom).toMatchObject({ configurationId: primary.id });
    expect(stub.requests.length).toBe(before + 1);
    await flushUsage(app.strapi);
    const refused = (await usageRows(app.strapi, { providerId: failing.id })).filter(
      (r) => r.errorCode === 'circuit_open'
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ success: false, costNano: null });
    // A stream goes to the fallback too: the refusal is known before any token.
    const { textStream, result } = await llm(app.strapi).stream({
      configuration: primary.id,
      prompt: 'stream',
    });
    for await (const _ of textStream) void _;
    expect((await result).fallbackFrom).toMatchObject({ configurationId: primary.id });
  });

  it("refuses with circuit_open (503, Retry-After) when there is no fallback, and the Overview says it's open", async () => {
    const { failing, alone } = await chain('down');
    for (let i = 0; i < 5; i++) {
      stub.next({ status: 500 });
      expect((await chat(alone.id)).code).toBe('provider_error');
      await settled();
    }
    const before = stub.requests.length;
    const refused = await chat(alone.id);
    expect(refused).toMatchObject({ code: 'circuit_open', status: 503 });
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(OPEN_MS / 1000);
    expect(stub.requests.length).toBe(before);
    const overview = await app.request
      .get('/llm/overview')
      .set('Authorization', `Bearer ${await adminBearer()}`);
    const row = overview.body.data.providers.find((p: any) => p.id === failing.id);
    expect(row.circuit).toBe('open');
  });

  it("does not count a caller's bad request, a wrong key or the provider's rate limit", async () => {
    const { failing, alone } = await chain('picky');
    for (let i = 0; i < 9; i++) {
      stub.next({ status: [400, 401, 429][i % 3] });
      expect((await chat(alone.id)).code).toBe('provider_error');
      await settled();
    }
    expect(health.filter((h) => h.providerId === failing.id)).toEqual([]);
    expect((await chat(alone.id)).text).toBeDefined();
  });

  it('opens on failures in a row only: a success between them starts the count again', async () => {
    const { failing, alone } = await chain('noisy');
    const fail = async (times: number) => {
      for (let i = 0; i < times; i++) {
        stub.next({ status: 500 });
        await chat(alone.id);
        await settled();
      }
    };
    await fail(4);
    expect((await chat(alone.id)).text).toBeDefined();
    await settled();
    await fail(4);
    expect(health.filter((h) => h.providerId === failing.id)).toEqual([]);
    await fail(1);
    expect(health.filter((h) => h.providerId === failing.id)).toEqual([
      { providerId: failing.id, state: 'open' },
    ]);
  });

  it('after the pause lets one probe through: a failed probe reopens, a good one closes', async () => {
    const { failing, alone } = await chain('recovering');
    for (let i = 0; i < 5; i++) {
      stub.next({ status: 502 });
      await chat(alone.id);
      await settled();
    }
    expect((await chat(alone.id)).code).toBe('circuit_open');
    now += OPEN_MS;
    stub.next({ status: 503 });
    expect((await chat(alone.id)).code).toBe('provider_error');
    await settled();
    expect((await chat(alone.id)).code).toBe('circuit_open');
    now += OPEN_MS;
    expect((await chat(alone.id)).text).toBeDefined();
    await settled();
    expect((await chat(alone.id)).text).toBeDefined();
    expect(health.filter((h) => h.providerId === failing.id).map((h) => h.state)).toEqual([
      'open',
      'half-open',
      'open',
      'half-open',
      'closed',
    ]);
  });

  it('is shared by instances: another sees the circuit one opened, and only one of them probes', async () => {
    const { failing, alone } = await chain('shared');
    for (let i = 0; i < 5; i++) {
      stub.next({ status: 504 });
      await chat(alone.id);
      await settled();
    }
    // Two more instances: each its own breaker and cache, the same table.
    const parts = {
      config: () => ({ enabled: true, failureThreshold: 5, windowMs: 60_000, openMs: OPEN_MS }),
      now: () => new Date(now),
    };
    const instances = [createBreaker(app.strapi, parts), createBreaker(app.strapi, parts)];
    const target = { provider: { id: failing.id, name: failing.name } } as any;
    const estimate = () => ({ inputTokensBound: 1, maxOutputTokens: 1, units: 0 });
    for (const instance of instances)
      await expect(instance.control.admit(target, {} as any, estimate)).rejects.toMatchObject({
        code: 'circuit_open',
      });
    now += OPEN_MS;
    // A probe that tells nothing (a later control refused the call) gives its claim back at once.
    const unused = await instances[0].control.admit(target, {} as any, estimate);
    await unused.release();
    await expect(instances[0].control.admit(target, {} as any, estimate)).resolves.toBeDefined();
    now += OPEN_MS * 20;
    const probes = await Promise.allSettled(
      instances.map((instance) => instance.control.admit(target, {} as any, estimate))
    );
    expect(probes.filter((p) => p.status === 'fulfilled')).toHaveLength(1);
    expect(probes.filter((p) => p.status === 'rejected')).toHaveLength(1);
    // The probe succeeds on its instance: the circuit closes for every instance.
    const winner = (probes.find((p) => p.status === 'fulfilled') as PromiseFulfilledResult<any>)
      .value;
    await winner.settle(0n, 1);
    now += 1_000;
    for (const instance of instances) expect(await instance.stateOf(failing.id)).toBe('closed');
    expect((await chat(alone.id)).text).toBeDefined();
  });

  async function adminBearer() {
    const { adminToken } = await import('../support/admin');
    return (await adminToken(app.strapi, app.request)).token;
  }
});
