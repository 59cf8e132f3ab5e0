/**
 * bench/metering: the same chat call to the provider stub, unmetered (the AI SDK straight to the
 * stub), metered (through the gateway: resolve, budget gate, meter, spool, batched write), and
 * metered for a user with an active budget (reserve before, settle after, on its day and month
 * windows), and metered for a user held by every control (that budget, plus a rate limit on
 * requests and tokens per minute: a conditional UPDATE before, the tokens added after), and the
 * same with a response-cache miss (a configuration that caches, a new prompt each call: the lookup,
 * then the answer stored off the call path), interleaved call by call in one run so machine noise
 * hits all five alike.
 *
 *   DATABASE_CLIENT=sqlite|postgres npx tsx bench/metering/run.ts [pairs]
 */
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { performance } from 'node:perf_hooks';
import { createAdminUser } from '../../tests/support/admin';
import {
  createConfiguration,
  createModel,
  flushUsage,
  llm,
  usageRows,
  createStubProvider,
} from '../../tests/support/fixtures';
import { startStrapi } from '../../tests/support/strapi';
import { runBench } from '../support/run';
import { StubProvider } from '../../tests/support/stub-provider';
import { fmt, percentile } from '../support/stats';

async function main() {
  const pairs = Number(process.argv[2] ?? 2000);
  const warmup = 200;
  const stub = await new StubProvider().start();
  stub.defaultBehavior = {
    text: 'benchmark answer',
    usage: { input: 120, output: 30, cacheRead: 40 },
  };
  const app = await startStrapi({ env: { STRAPI_LOG_LEVEL: 'error' } });
  try {
    const provider = await createStubProvider(app.strapi, stub);
    const model = await createModel(app.strapi, provider, {
      modelId: 'bench-model',
      priceInput: '0.15',
      priceOutput: '0.6',
      priceCacheRead: '0.075',
    });
    const raw = createOpenAI({ baseURL: `${stub.url}/v1`, apiKey: 'sk-test-key-123' }).chat(
      'bench-model'
    );
    const gateway = llm(app.strapi);
    const budgeted = await createAdminUser(app.strapi, ['strapi-editor']);
    await app.strapi.plugin('llm').service('budget').create({
      name: 'bench',
      scope: 'user',
      userId: budgeted.id,
      dailyCost: '100000',
      monthlyCost: '1000000',
      dailyRequests: 1_000_000_000,
      onExceed: 'block',
      active: true,
    });

    // Every control: the budget above and a rate limit far from reached, on a user of their own.
    const controlled = await createAdminUser(app.strapi, ['strapi-editor']);
    await app.strapi.plugin('llm').service('budget').create({
      name: 'bench-controls',
      scope: 'user',
      userId: controlled.id,
      dailyCost: '100000',
      monthlyCost: '1000000',
      dailyRequests: 1_000_000_000,
      onExceed: 'block',
      active: true,
    });
    await app.strapi.plugin('llm').service('rate-limit').create({
      scope: 'user',
      subjectId: controlled.id,
      requestsPerMinute: 2_000_000_000,
      tokensPerMinute: 2_000_000_000,
    });

    // The response cache on, every call a miss (its prompt is new): lookup + off-path store.
    const caching = await createConfiguration(app.strapi, model, {
      responseCache: true,
      responseCacheTtlSeconds: 3600,
    });
    let missNumber = 0;

    const unmetered = async () => {
      const t = performance.now();
      await generateText({ model: raw, prompt: 'same prompt', maxRetries: 0 });
      return performance.now() - t;
    };
    const metered = async () => {
      const t = performance.now();
      await gateway.chat({ model: model.id, prompt: 'same prompt', user: null });
      return performance.now() - t;
    };
    const meteredWithBudget = async () => {
      const t = performance.now();
      await gateway.chat({ model: model.id, prompt: 'same prompt', user: budgeted.id });
      return performance.now() - t;
    };
    const meteredWithControls = async () => {
      const t = performance.now();
      await gateway.chat({ model: model.id, prompt: 'same prompt', user: controlled.id });
      return performance.now() - t;
    };

    const controlsAndCacheMiss = async () => {
      const prompt = `same prompt ${++missNumber}`;
      const t = performance.now();
      await gateway.chat({ configuration: caching.id, prompt, user: controlled.id });
      return performance.now() - t;
    };

    for (let i = 0; i < warmup; i += 1) {
      await unmetered();
      await metered();
      await meteredWithBudget();
      await meteredWithControls();
      await controlsAndCacheMiss();
    }
    await flushUsage(app.strapi);

    const base: number[] = [];
    const withMeter: number[] = [];
    const withBudget: number[] = [];
    const withControls: number[] = [];
    const withCacheMiss: number[] = [];
    const variants: Array<[() => Promise<number>, number[]]> = [
      [unmetered, base],
      [metered, withMeter],
      [meteredWithBudget, withBudget],
      [meteredWithControls, withControls],
      [controlsAndCacheMiss, withCacheMiss],
    ];
    for (let i = 0; i < pairs; i += 1) {
      // Rotate which goes first so none always runs on a warmer path.
      for (let k = 0; k < variants.length; k += 1) {
        const [run, into] = variants[(i + k) % variants.length];
        into.push(await run());
      }
    }
    await flushUsage(app.strapi);
    const stored = (await usageRows(app.strapi, { modelId: model.id })).length;

    const paired = withMeter.map((m, i) => m - base[i]);
    const p50 = [percentile(base, 50), percentile(withMeter, 50)];
    const p99 = [percentile(base, 99), percentile(withMeter, 99)];
    const budget = { p50: percentile(withBudget, 50), p99: percentile(withBudget, 99) };
    const controls = { p50: percentile(withControls, 50), p99: percentile(withControls, 99) };
    const miss = { p50: percentile(withCacheMiss, 50), p99: percentile(withCacheMiss, 99) };
    const result = {
      database: app.strapi.db.dialect.client,
      pairs,
      storedEvents: stored,
      baseline: { p50: p50[0], p99: p99[0] },
      metered: { p50: p50[1], p99: p99[1] },
      added: { p50: p50[1] - p50[0], p99: p99[1] - p99[0] },
      pairedDifference: { p50: percentile(paired, 50), p99: percentile(paired, 99) },
      meteredWithBudget: budget,
      addedWithBudget: { p50: budget.p50 - p50[0], p99: budget.p99 - p99[0] },
      meteredWithControls: controls,
      addedWithControls: { p50: controls.p50 - p50[0], p99: controls.p99 - p99[0] },
      controlsAndCacheMiss: miss,
      addedWithCacheMiss: { p50: miss.p50 - p50[0], p99: miss.p99 - p99[0] },
      ratio: { p50: p50[1] / p50[0], p99: p99[1] / p99[0] },
    };
    console.log(
      `metering on ${result.database}, ${pairs} interleaved rounds (${stored} events stored)`
    );
    console.log(`  unmetered  p50 ${fmt(p50[0])}  p99 ${fmt(p99[0])}`);
    console.log(`  metered    p50 ${fmt(p50[1])}  p99 ${fmt(p99[1])}`);
    console.log(
      `  added      p50 ${fmt(result.added.p50)}  p99 ${fmt(result.added.p99)}   (ratio p50 ${result.ratio.p50.toFixed(3)}, p99 ${result.ratio.p99.toFixed(3)})`
    );
    console.log(
      `  metered + budget  p50 ${fmt(budget.p50)}  p99 ${fmt(budget.p99)}   added p50 ${fmt(result.addedWithBudget.p50)}  p99 ${fmt(result.addedWithBudget.p99)}`
    );
    console.log(
      `  metered + budget + rate limit  p50 ${fmt(controls.p50)}  p99 ${fmt(controls.p99)}   added p50 ${fmt(result.addedWithControls.p50)}  p99 ${fmt(result.addedWithControls.p99)}`
    );
    console.log(
      `  every control + cache miss  p50 ${fmt(miss.p50)}  p99 ${fmt(miss.p99)}   added p50 ${fmt(result.addedWithCacheMiss.p50)}  p99 ${fmt(result.addedWithCacheMiss.p99)}`
    );
    console.log(
      `  per-pair difference  p50 ${fmt(result.pairedDifference.p50)}  p99 ${fmt(result.pairedDifference.p99)}`
    );
    const verdict = (added: { p50: number; p99: number }) =>
      `p50 < 0.5 ms ${added.p50 < 0.5 ? 'met' : 'MISSED'}, p99 < 2 ms ${added.p99 < 2 ? 'met' : 'MISSED'}`;
    console.log(`  goal (metered)           ${verdict(result.added)}`);
    console.log(`  goal (metered + budget)  ${verdict(result.addedWithBudget)}`);
    console.log(`  goal (every control)     ${verdict(result.addedWithControls)}`);
    console.log(`  goal (controls + miss)   ${verdict(result.addedWithCacheMiss)}`);
    console.log(JSON.stringify(result));
  } finally {
    await app.stop();
    await stub.stop();
  }
}

runBench(main);
