import { encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { currentClient } from '../support/database';
import {
  clearBudgets,
  createConfiguration,
  createModel,
  createSiteBudget,
  createStubProvider,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
} from '../support/fixtures';
import { startBudgetWorker } from '../support/strapi';

/**
 * Finding 5 of the trust-boundary issue: a provider that counts more prompt tokens than the
 * plugin's o200k estimate (any non-OpenAI tokenizer) made budgets overshoot — 300 concurrent runs
 * against a $0.05 site budget spent $0.0536 with +30 %. The gate now reserves each call's bound
 * (the prompt's UTF-8 length plus framing, plus the output cap the request carries), so the
 * spend stays within the limit whatever the provider reports within that bound.
 */
const LIMIT_NANO = 50_000_000n; // $0.05
const OUTPUT_CAP = 100;
// About 600 characters: ~130 o200k tokens, 600 bytes.
const PROMPT = `Summarise for the newsletter, in two sentences and without adjectives: ${'The city council met on Tuesday to discuss the new tram line, the budget for parks and the library opening hours. '.repeat(5)}`;

/** How much more the provider counts than the o200k tokenizer: a label and the factor. */
const OVER_REPORTING: Array<[string, number]> = [
  ['30 %', 1.3],
  ['100 %', 2],
];

// Two processes need a database server to share; SQLite is one file for one process here.
const shared = ['postgres', 'mysql'].includes(currentClient());

describe(`budgets are never overshot by a provider that counts more tokens (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture();
  let provider: any;
  let configuration: any;
  let model: any;

  beforeAll(async () => {
    // A generous timeout: 300 concurrent calls on a busy 2-core machine must not fail for slowness.
    provider = await createStubProvider(app.strapi, stub, { timeoutMs: 60_000 });
  });

  beforeEach(async () => {
    // Budgets count the usage already in their window: each test starts from an empty one.
    await clearBudgets(app.strapi);
    // A model of its own per test, too.
    // $1 per million tokens, in and out: a call is ~$0.00027 actual, ~$0.001 at its bound.
    model = await createModel(app.strapi, provider, {
      modelId: `overcounting-${Date.now()}`,
      priceInput: '1',
      priceOutput: '1',
    });
    configuration = await createConfiguration(app.strapi, model, { maxOutputTokens: OUTPUT_CAP });
  });

  /** The provider counts `factor` × the o200k tokens of the prompt, and always answers with the full output cap. */
  const overcounting = (factor: number) => {
    stub.defaultBehavior = {
      tokenizer: (text: string) => Math.ceil(encode(text).length * factor),
      usage: { output: OUTPUT_CAP },
    };
  };

  /** The provider over-reports by `factor`, against a site budget of the limit. */
  async function overcountingAtTheLimit(factor: number) {
    overcounting(factor);
    await createSiteBudget(app.strapi, '0.05');
  }

  async function spendAndCounter() {
    await flushUsage(app.strapi);
    const rows = (await usageRows(app.strapi, { modelId: model.id })).filter((r) => r.success);
    const spent = rows.reduce((sum, r) => sum + BigInt(r.costNano), 0n);
    const tokens = rows.reduce((sum, r) => sum + BigInt(r.inputTokens + r.outputTokens), 0n);
    const [counter] = await app.strapi.db.query('plugin::llm.budget-counter').findMany({});
    return { rows, spent, tokens, counter };
  }

  const run = (count: number, label: string) =>
    Promise.allSettled(
      Array.from({ length: count }, (_, i) =>
        llm(app.strapi).chat({
          configuration: configuration.id,
          prompt: `${PROMPT} ${label} ${i}`,
          user: null,
        })
      )
    );

  it.each(OVER_REPORTING)(
    'one instance, provider over-reports prompt tokens by %s: 300 concurrent calls, then waves to the edge',
    async (_label, factor) => {
      await overcountingAtTheLimit(factor);

      const outcomes = await run(300, 'burst');
      expect(
        outcomes.filter(
          (o) =>
            o.status === 'rejected' && (o.reason as { code?: string }).code !== 'budget_exceeded'
        )
      ).toEqual([]);
      // Then waves until the budget is used up: the spend approaches the limit but never passes it.
      for (let wave = 0; wave < 25; wave += 1) await run(20, `wave ${wave}`);

      const { rows, spent, tokens, counter } = await spendAndCounter();
      expect(rows.length).toBeGreaterThan(0);
      // The provider really counted more than the plugin's tokenizer (so the old estimate was too low).
      expect(rows.every((r) => r.inputTokens > encode(PROMPT).length)).toBe(true);
      expect(spent).toBeLessThanOrEqual(LIMIT_NANO);
      // …and the budget was used, not left idle (a call's bound is ~$0.001 here).
      expect(spent).toBeGreaterThan((LIMIT_NANO * 8n) / 10n);
      // The counters equal the stored usage.
      expect(BigInt(counter.monthCostNano)).toBe(spent);
      expect(BigInt(counter.monthTokens)).toBe(tokens);
      expect(BigInt(counter.monthRequests)).toBe(BigInt(rows.length));
    }
  );

  it('a provider that reports more than the bound is recorded as it reported, and said so in the log', async () => {
    stub.defaultBehavior = { usage: { input: 1_000_000, output: OUTPUT_CAP } };
    await createSiteBudget(app.strapi, '10');
    const warnings: string[] = [];
    const warn = app.strapi.log.warn.bind(app.strapi.log);
    app.strapi.log.warn = ((...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      return warn(...(args as [string]));
    }) as typeof app.strapi.log.warn;
    try {
      await llm(app.strapi).chat({ configuration: configuration.id, prompt: 'short', user: null });
      const { rows, counter } = await spendAndCounter();
      expect(rows[0].inputTokens).toBe(1_000_000);
      expect(BigInt(counter.monthTokens)).toBe(1_000_100n);
      expect(
        warnings.some(
          (line) => line.includes('reported more than the call') && line.includes(rows[0].requestId)
        )
      ).toBe(true);
    } finally {
      app.strapi.log.warn = warn;
    }
  });

  it("the output cap the gate reserved is sent with every request, the configuration's or the default", async () => {
    stub.defaultBehavior = {};
    await llm(app.strapi).chat({ configuration: configuration.id, prompt: 'capped', user: null });
    expect(
      stub.requests.at(-1)!.body.max_tokens ?? stub.requests.at(-1)!.body.max_completion_tokens
    ).toBe(OUTPUT_CAP);
    const bare = await createConfiguration(app.strapi, model);
    await llm(app.strapi).chat({ configuration: bare.id, prompt: 'default cap', user: null });
    expect(
      stub.requests.at(-1)!.body.max_tokens ?? stub.requests.at(-1)!.body.max_completion_tokens
    ).toBe(4096);
    // A model handed to app code carries the cap too.
    const { generateText } = await import('ai');
    await generateText({
      model: await llm(app.strapi).languageModel({ configuration: bare.id }),
      prompt: 'app code',
    });
    expect(
      stub.requests.at(-1)!.body.max_tokens ?? stub.requests.at(-1)!.body.max_completion_tokens
    ).toBe(4096);
    await flushUsage(app.strapi);
  });

  (shared ? it.each : it.skip.each)(OVER_REPORTING)(
    'two instances sharing the database, provider over-reports by %s: 300 concurrent calls',
    async (_label, factor) => {
      await overcountingAtTheLimit(factor);
      const worker = await startBudgetWorker(app.db, configuration.id, 150, {
        BUDGET_WORKER_PROMPT: `${PROMPT} `,
      });
      worker.go();
      // On a loaded machine the worker's first reservation can come after this instance has spent
      // the budget; the race is only a race once the worker is in it.
      await worker.firstServed;
      const mine = await run(150, 'main');
      expect(await worker.finished).toBe(0);
      const theirs = worker.tally();
      expect(theirs.other).toEqual([]);
      expect(
        mine.filter(
          (o) =>
            o.status === 'rejected' && (o.reason as { code?: string }).code !== 'budget_exceeded'
        )
      ).toEqual([]);

      const { rows, spent, counter } = await spendAndCounter();
      expect(rows.length).toBe(mine.filter((o) => o.status === 'fulfilled').length + theirs.served);
      expect(theirs.served).toBeGreaterThan(0);
      expect(spent).toBeLessThanOrEqual(LIMIT_NANO);
      expect(BigInt(counter.monthCostNano)).toBe(spent);
    }
  );
});
