import { currentClient } from '../support/database';
import {
  createSiteBudget,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';
import { expectRollupsEqualEvents } from '../support/rollups-expected';

describe(`load and provider faults, with a budget in force (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({ stub: { resetBeforeEach: true } });
  let model: any;
  let configuration: any;
  let impatient: any;
  let budget: any;
  const counter = () =>
    app.strapi.db
      .query('plugin::llm.budget-counter')
      .findOne({ where: { budgetId: budget.id, subjectId: 0 } });

  beforeAll(async () => {
    ({ model, configuration } = await withConfiguredModel(app.strapi, stub, {
      // 500 calls at once on a shared 2-core machine: this suite checks storage, not latency.
      provider: { timeoutMs: 120_000 },
      model: {
        modelId: 'load-model',
        priceInput: '0.15',
        priceOutput: '0.6',
        priceCacheRead: '0.075',
      },
      configuration: { maxOutputTokens: 400 },
    }));
    ({ configuration: impatient } = await withConfiguredModel(app.strapi, stub, {
      // Short timeouts and no retries: each fault is one provider request and one row.
      provider: { name: 'impatient', timeoutMs: 500, maxRetries: 0 },
      model: { modelId: 'fault-model', priceInput: '1', priceOutput: '1' },
      configuration: { maxOutputTokens: 400 },
    }));
    budget = await createSiteBudget(app.strapi, '1000');
  });

  it('500 concurrent metered calls (chat, streams, embeddings; five users): every event once, rollups equal events to the nano-dollar, the budget counter equals the spend', async () => {
    stub.defaultBehavior = { usage: { input: 1_337, cacheRead: 311, output: 97 } };
    const users = [null, 1, 2, 3, 4];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 500 }, async (_, i) => {
        const options = {
          configuration: configuration.id,
          user: users[i % 5],
          source: `load-${i % 3}`,
        };
        if (i % 5 === 1) {
          const { textStream, result } = await llm(app.strapi).stream({
            ...options,
            prompt: `stream ${i}`,
          });
          for await (const _chunk of textStream) void _chunk;
          return result;
        }
        if (i % 5 === 2)
          return llm(app.strapi).embed({
            model: model.id,
            user: users[i % 5],
            values: [`embed ${i}`],
          });
        return llm(app.strapi).chat({ ...options, prompt: `chat ${i}` });
      })
    );
    expect(
      outcomes
        .filter((o) => o.status === 'rejected')
        .map((o) => String((o as PromiseRejectedResult).reason))
    ).toEqual([]);
    const ids = outcomes.map((o) => (o as PromiseFulfilledResult<any>).value.usage.requestId);
    await flushUsage(app.strapi);

    const events = (await expectRollupsEqualEvents(app.strapi)).filter((e) =>
      ids.includes(e.requestId)
    );
    expect(events).toHaveLength(500);
    expect(new Set(events.map((e) => e.requestId)).size).toBe(500);
    const spent = events.reduce((sum, e) => sum + BigInt(e.costNano), 0n);
    const row = await counter();
    expect(BigInt(row.monthCostNano)).toBe(spent);
    expect(BigInt(row.monthRequests)).toBe(500n);
  });

  it('5xx, timeouts, resets, malformed bodies and cut streams: typed errors, failure rows without cost, no reservation leaked', async () => {
    await flushUsage(app.strapi);
    const before = await counter();
    const faults: Array<[string, Record<string, unknown>, 'chat' | 'stream']> = [
      ['provider_error', { status: 500 }, 'chat'],
      ['provider_error', { status: 503 }, 'chat'],
      ['provider_timeout', { delayMs: 1_500 }, 'chat'],
      ['provider_unreachable', { reset: true }, 'chat'],
      ['provider_malformed_response', { malformed: true }, 'chat'],
      ['provider_error', { cutStream: true }, 'stream'],
    ];
    const requestIds: string[] = [];
    for (const [code, behavior, kind] of faults) {
      stub.next(behavior);
      let error: any;
      if (kind === 'chat')
        error = await llm(app.strapi)
          .chat({ configuration: impatient.id, prompt: 'fault', user: null })
          .catch((e: unknown) => e);
      else {
        const { textStream, result } = await llm(app.strapi).stream({
          configuration: impatient.id,
          prompt: 'fault',
          user: null,
        });
        await (async () => {
          for await (const _chunk of textStream) void _chunk;
        })().catch(() => undefined);
        error = await result.catch((e: unknown) => e);
      }
      expect(error?.name).toBe('LlmError');
      expect(typeof error.code).toBe('string');
      if (kind === 'chat') expect(error.code).toBe(code);
      expect(error.requestId).toBeDefined();
      requestIds.push(error.requestId);
    }
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { requestId: { $in: requestIds } });
    expect(rows).toHaveLength(faults.length);
    expect(rows.every((r) => r.success === false && r.costNano === null && r.errorCode)).toBe(true);

    // A failed call costs nothing; it was a request, and stays counted as one.
    await flushUsage(app.strapi);
    const after = await counter();
    expect(BigInt(after.monthCostNano)).toBe(BigInt(before.monthCostNano));
    expect(BigInt(after.monthRequests) - BigInt(before.monthRequests)).toBe(BigInt(faults.length));
  });

  it('usage the provider leaves out is counted with the tokenizer and marked estimated, never invented as $0', async () => {
    stub.next({ omitUsage: true, text: 'an answer of a few words' });
    const result = await llm(app.strapi).chat({
      configuration: configuration.id,
      prompt: 'count me',
      user: null,
    });
    await flushUsage(app.strapi);
    const [row] = await usageRows(app.strapi, { requestId: result.usage.requestId });
    expect(row).toMatchObject({ success: true, tokensEstimated: true });
    expect(row.inputTokens).toBeGreaterThan(0);
    expect(row.outputTokens).toBeGreaterThan(0);
    expect(BigInt(row.costNano)).toBeGreaterThan(0n);
  });
});
