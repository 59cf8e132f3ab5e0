import { PUBLIC_MESSAGES } from '../../server/src/gateway/errors';
import { countTokens } from '../../server/src/gateway/quantities';
import { formatFemtoUsd, toFemto } from '../../server/src/pricing/money';
import { adminToken, createAdminUser, login } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createModel,
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';

const ARTICLE = 'api::article.article';
const MAX_OUTPUT = 200;

describe(`AI cost tied to content: per-entry usage and estimates before a bulk job (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture({
    stub: {
      resetBeforeEach: true,
      defaultBehavior: { tokenizer: countTokens, usage: { output: MAX_OUTPUT } },
    },
  });
  let token: string;
  let superUser: { id: number };
  let model: any;
  let provider: any;
  let task: any;
  const articles = () => app.strapi.documents(ARTICLE as any);

  beforeAll(async () => {
    ({ user: superUser, token } = await adminToken(app.strapi, app.request));
    let configuration: any;
    ({ provider, model, configuration } = await withConfiguredModel(app.strapi, stub, {
      // $1 / $2 per million tokens: 1,000 / 2,000 nano-USD a token.
      model: {
        modelId: 'entry-model',
        displayName: 'Entry model',
        priceInput: '1',
        priceOutput: '2',
      },
      configuration: { maxOutputTokens: MAX_OUTPUT },
    }));
    task = await createTask(app.strapi, configuration, {
      name: 'Summarise',
      promptTemplate: 'Summarise this article.\nTitle: {{title}}\n\n{{body}}',
    });
  });

  const get = (path: string, bearer = token) =>
    app.request.get(path).set('Authorization', `Bearer ${bearer}`);
  const post = (path: string, body: unknown, bearer = token) =>
    app.request
      .post(path)
      .set('Authorization', `Bearer ${bearer}`)
      .send(body as object);
  const article = (title: string, body: string) =>
    articles().create({ data: { title, body } as any }) as Promise<any>;

  it('attributes calls to an entry: named directly, made inside a Document Service action, and task runs on an entry', async () => {
    const a = await article('Direct', 'x');
    const direct = await llm(app.strapi).chat({
      model: model.id,
      prompt: 'hi',
      entry: { uid: ARTICLE, documentId: a.documentId, locale: 'en' },
      user: null,
    });

    // An app's own document middleware calling the gateway while an entry is updated.
    let inside: any;
    app.strapi.documents.use(async (context: any, next: () => Promise<any>) => {
      if (
        context.uid === ARTICLE &&
        context.action === 'update' &&
        context.params.data?.title === 'Renamed'
      ) {
        inside = await llm(app.strapi).chat({
          model: model.id,
          prompt: `alt text for ${context.params.documentId}`,
          user: null,
        });
      }
      return next();
    });
    await articles().update({ documentId: a.documentId, data: { title: 'Renamed' } as any });

    const run = await post(`/llm/tasks/${task.id}/run`, {
      entry: { uid: ARTICLE, documentId: a.documentId },
    });
    expect(run.status).toBe(200);
    // The prompt was rendered from the entry's own fields.
    expect(stub.requests.at(-1)!.body.messages.at(-1).content).toContain('Title: Renamed');

    await flushUsage(app.strapi);
    for (const requestId of [
      direct.usage.requestId,
      inside.usage.requestId,
      run.body.data.usage.requestId,
    ]) {
      const [row] = await usageRows(app.strapi, { requestId });
      expect(row).toMatchObject({ entryUid: ARTICLE, entryDocumentId: a.documentId });
    }
    const [directRow] = await usageRows(app.strapi, { requestId: direct.usage.requestId });
    expect(directRow.entryLocale).toBe('en');
    const [taskRow] = await usageRows(app.strapi, { requestId: run.body.data.usage.requestId });
    expect(taskRow.taskId).toBe(task.id);
    expect(taskRow.userId).toBe(superUser.id);
  });

  it("serves an entry's side panel figures, recomputed here from the raw rows", async () => {
    const a = await article('Panel', 'Some text to summarise.');
    for (const locale of ['en', 'fr', 'fr'])
      await llm(app.strapi).chat({
        model: model.id,
        prompt: `p ${locale}`,
        entry: { uid: ARTICLE, documentId: a.documentId, locale },
        user: null,
      });
    await post(`/llm/tasks/${task.id}/run`, { entry: { uid: ARTICLE, documentId: a.documentId } });
    stub.next({ status: 500 });
    await llm(app.strapi)
      .chat({
        model: model.id,
        prompt: 'fails',
        entry: { uid: ARTICLE, documentId: a.documentId, locale: 'en' },
        user: null,
        maxRetries: 0,
      })
      .catch(() => undefined);
    await flushUsage(app.strapi);

    const res = await get(`/llm/entries/${ARTICLE}/${a.documentId}/usage`);
    expect(res.status).toBe(200);
    const rows = await usageRows(app.strapi, { entryUid: ARTICLE, entryDocumentId: a.documentId });
    const figures = (list: any[]) => ({
      requests: list.length,
      tokens: list.reduce((s, r) => s + r.inputTokens + r.outputTokens, 0),
      costUsd: (Number(list.reduce((s, r) => s + BigInt(r.costNano ?? 0), 0n)) / 1e9).toString(),
      unpricedRequests: list.filter((r) => r.success && r.costNano === null).length,
      units: list.reduce((s, r) => s + (r.units ?? 0), 0),
      unitKind: null,
    });
    const usd = (f: any) => ({ ...f, costUsd: String(Number(f.costUsd)) });
    expect(usd(res.body.data.total)).toEqual(figures(rows));
    for (const locale of [null, 'en', 'fr']) {
      const mine = rows.filter((r) => (r.entryLocale ?? null) === locale);
      expect(usd(res.body.data.byLocale.find((l: any) => l.locale === locale))).toEqual({
        locale,
        ...figures(mine),
      });
    }
    expect(res.body.data.byTask.find((t: any) => t.taskId === task.id)).toMatchObject({
      task: 'Summarise',
      requests: 1,
    });
    const newest = [...rows].sort(
      (x, y) => new Date(y.occurredAt).getTime() - new Date(x.occurredAt).getTime()
    );
    expect(res.body.data.recent.map((c: any) => c.requestId)).toEqual(
      newest.slice(0, 10).map((r) => r.requestId)
    );
    expect(res.body.data.recent.find((c: any) => !c.success)).toMatchObject({
      costUsd: null,
      user: 'system',
      model: 'Entry model',
    });

    // No usage: no panel.
    const idle = await article('Idle', 'nothing');
    expect((await get(`/llm/entries/${ARTICLE}/${idle.documentId}/usage`)).body).toEqual({
      data: null,
    });
  });

  it('shows the figures to whoever may read the entry, and 403 to others', async () => {
    const a = await article('Access', 'x');
    await llm(app.strapi).chat({
      model: model.id,
      prompt: 'x',
      entry: { uid: ARTICLE, documentId: a.documentId },
      user: null,
    });
    await flushUsage(app.strapi);
    const editor = await login(app.request, await createAdminUser(app.strapi, ['strapi-editor']));
    expect((await get(`/llm/entries/${ARTICLE}/${a.documentId}/usage`, editor)).status).toBe(200);
    const nobody = await app.strapi
      .service('admin::role')
      .create({ name: `Nothing ${Date.now()}`, description: 'no permission' });
    const outsider = await login(app.request, await createAdminUser(app.strapi, [nobody.id]));
    expect((await get(`/llm/entries/${ARTICLE}/${a.documentId}/usage`, outsider)).status).toBe(403);
    expect(
      (
        await post(
          `/llm/tasks/${task.id}/estimate`,
          { contentType: ARTICLE, documentIds: [a.documentId] },
          outsider
        )
      ).status
    ).toBe(403);
    expect((await get(`/llm/entries/not-a-uid/${a.documentId}/usage`)).status).toBe(400);
    expect(
      app.request.get(`/llm/entries/${ARTICLE}/${a.documentId}/usage`).then((r) => r.status)
    ).resolves.toBe(401);
  });

  it('estimates a task over entries before anything runs, within 10 % of what the runs then cost', async () => {
    const bodies = [
      'Short.',
      'A somewhat longer body about budgets and tokens. '.repeat(20),
      'Médium text with ünïcode — and emoji 🙂. '.repeat(8),
      'x',
      'Final words.',
    ];
    const created = await Promise.all(bodies.map((body, i) => article(`Estimate ${i}`, body)));
    const ids = created.map((c) => c.documentId);
    const before = stub.requests.length;

    const estimate = await post(`/llm/tasks/${task.id}/estimate`, {
      contentType: ARTICLE,
      documentIds: ids,
    });
    expect(estimate.status).toBe(200);
    expect(stub.requests.length).toBe(before);
    const e = estimate.body.data;
    expect(e).toMatchObject({
      entries: 5,
      calls: 5,
      maxOutputTokens: 5 * MAX_OUTPUT,
      task: { id: task.id, name: 'Summarise' },
      model: 'Entry model',
    });
    expect(e.perEntry.map((p: any) => p.documentId).sort()).toEqual([...ids].sort());

    const requestIds: string[] = [];
    for (const documentId of ids) {
      const run = await post(`/llm/tasks/${task.id}/run`, { entry: { uid: ARTICLE, documentId } });
      expect(run.status).toBe(200);
      requestIds.push(run.body.data.usage.requestId);
    }
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { requestId: { $in: requestIds } });
    const actualNano = rows.reduce((s, r) => s + BigInt(r.costNano), 0n);
    const estimatedNano = BigInt(Math.round(Number(e.costUsd) * 1e9));
    const actualInput = rows.reduce((s, r) => s + r.inputTokens, 0);
    expect(Math.abs(e.inputTokens - actualInput) / actualInput).toBeLessThanOrEqual(0.1);
    expect(Number(estimatedNano - actualNano) / Number(actualNano)).toBeGreaterThanOrEqual(-0.1);
    expect(Number(estimatedNano - actualNano) / Number(actualNano)).toBeLessThanOrEqual(0.1);

    // With history, the expected output is the task's average output per call.
    const again = (
      await post(`/llm/tasks/${task.id}/estimate`, {
        contentType: ARTICLE,
        filters: { title: { $startsWith: 'Estimate' } },
      })
    ).body.data;
    expect(again.entries).toBe(5);
    expect(again.expectedOutputTokens).toBe(5 * MAX_OUTPUT);
    expect(again.expectedCostUsd).not.toBeNull();
  });

  it('reports a budget that cannot cover the estimate before the run', async () => {
    const { user, token: capped } = await adminToken(app.strapi, app.request);
    await app.strapi.plugin('llm').service('budget').create({
      name: 'tight',
      scope: 'user',
      userId: user.id,
      dailyCost: '0.0003',
      dailyRequests: 100,
      onExceed: 'block',
      active: true,
    });
    const a = await article('Budgeted', 'Some words.');
    const res = await post(
      `/llm/tasks/${task.id}/estimate`,
      { contentType: ARTICLE, documentIds: [a.documentId] },
      capped
    );
    expect(res.status).toBe(200);
    expect(res.body.data.budget.allowed).toBe(false);
    expect(res.body.data.budget.limits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          budgetName: 'tight',
          window: 'day',
          metric: 'cost',
          remaining: '0.0003',
          enough: false,
        }),
        expect.objectContaining({
          budgetName: 'tight',
          window: 'day',
          metric: 'requests',
          remaining: '100',
          needed: '1',
          enough: true,
        }),
      ])
    );
    // And the run is refused, as the estimate said.
    expect(
      (
        await post(
          `/llm/tasks/${task.id}/run`,
          { entry: { uid: ARTICLE, documentId: a.documentId } },
          capped
        )
      ).status
    ).toBe(429);
  });

  it('gives a bulk run per-entry results: each entry named by its title, its estimate, its text and actual cost, or its failure and why', async () => {
    const good = await article('Bulk with body', 'A body to summarise.');
    const empty = await articles().create({ data: { title: 'Bulk without body' } as any });
    const estimate = await post(`/llm/tasks/${task.id}/estimate`, {
      contentType: ARTICLE,
      documentIds: [good.documentId],
    });
    expect(estimate.status).toBe(200);
    const [entry] = estimate.body.data.perEntry;
    expect(entry).toMatchObject({ documentId: good.documentId, label: '“Bulk with body”' });
    // One entry: its worst case is the whole job's.
    expect(entry.costUsd).toBe(estimate.body.data.costUsd);

    // An entry lacking a variable: named by its title and the variable, not by its document id.
    const missing = await post(`/llm/tasks/${task.id}/estimate`, {
      contentType: ARTICLE,
      documentIds: [good.documentId, empty.documentId],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      'Entry “Bulk without body”: Missing task variable(s): body'
    );
    expect(missing.body.error.message).not.toContain(empty.documentId);

    stub.next({ text: 'A short summary.' });
    const ran = await post(`/llm/tasks/${task.id}/run`, {
      entry: { uid: ARTICLE, documentId: good.documentId },
    });
    expect(ran.status).toBe(200);
    expect(ran.body.data.text).toBe('A short summary.');
    await flushUsage(app.strapi);
    const [row] = await usageRows(app.strapi, { requestId: ran.body.data.usage.requestId });
    expect(ran.body.data.usage.costUsd).toBe(
      formatFemtoUsd(toFemto(BigInt(row.costNano), row.costRemainderFemto ?? 0))
    );

    const failed = await post(`/llm/tasks/${task.id}/run`, {
      entry: { uid: ARTICLE, documentId: empty.documentId },
    });
    expect(failed.status).toBe(400);
    expect(failed.body.error).toMatchObject({
      message: 'Entry “Bulk without body”: Missing task variable(s): body',
      details: { code: 'invalid_request' },
    });

    stub.next({ status: 400 });
    const refusedByProvider = await post(`/llm/tasks/${task.id}/run`, {
      entry: { uid: ARTICLE, documentId: good.documentId },
    });
    expect(refusedByProvider.body.error.details.code).toBe('provider_error');
    expect(refusedByProvider.body.error.details.requestId).toEqual(expect.any(String));

    // The side panel says why a call failed.
    await flushUsage(app.strapi);
    const usage = await get(`/llm/entries/${ARTICLE}/${good.documentId}/usage`);
    const failure = usage.body.data.recent.find((c: any) => !c.success);
    expect(failure).toMatchObject({
      errorCode: 'provider_error',
      errorMessage: expect.any(String),
    });
    expect(usage.body.data.recent.find((c: any) => c.success)).toMatchObject({
      errorCode: null,
      errorMessage: null,
    });

    // Someone who may read the entry but not the ledger (no analytics.read) learns what the code
    // means, never the provider's own text (it can name hosts, key prefixes or variables).
    const editor = await login(app.request, await createAdminUser(app.strapi, ['strapi-editor']));
    const asEditor = await get(`/llm/entries/${ARTICLE}/${good.documentId}/usage`, editor);
    expect(asEditor.status).toBe(200);
    const seen = asEditor.body.data.recent.find((c: any) => !c.success);
    expect(seen.errorCode).toBe('provider_error');
    expect(seen.errorMessage).toBe(PUBLIC_MESSAGES.provider_error);
    expect(seen.errorMessage).not.toBe(failure.errorMessage);
  });

  it("counts an entry's unit-priced calls in their unit (images), not as 0 tokens", async () => {
    const a = await article('Illustrated', 'x');
    const images = await createModel(app.strapi, provider, {
      modelId: 'entry-image-model',
      priceImage: '0.04',
    });
    const made = await llm(app.strapi).image({
      model: images.id,
      prompt: 'a cover',
      n: 2,
      entry: { uid: ARTICLE, documentId: a.documentId },
    });
    expect(made.images).toHaveLength(2);
    await flushUsage(app.strapi);
    const usage = (await get(`/llm/entries/${ARTICLE}/${a.documentId}/usage`)).body.data;
    expect(usage.total).toMatchObject({ tokens: 0, units: 2, unitKind: 'images', costUsd: '0.08' });
    expect(usage.recent[0]).toMatchObject({ units: 2, unitKind: 'images', success: true });
  });

  it('refuses a bulk run and the task list to a role without tasks.run (the estimate: see above)', async () => {
    const a = await article('Refused', 'x');
    const nobody = await app.strapi
      .service('admin::role')
      .create({ name: `No tasks ${Date.now()}`, description: 'no permission' });
    const outsider = await login(app.request, await createAdminUser(app.strapi, [nobody.id]));
    const before = stub.requests.length;
    expect((await get('/llm/tasks', outsider)).status).toBe(403);
    const run = await post(
      `/llm/tasks/${task.id}/run`,
      { entry: { uid: ARTICLE, documentId: a.documentId } },
      outsider
    );
    expect(run.status).toBe(403);
    expect(stub.requests.length).toBe(before);
  });

  it('answers 400 with a message for bad estimate requests', async () => {
    const bad = async (body: unknown) => {
      const res = await post(`/llm/tasks/${task.id}/estimate`, body);
      expect(res.status).toBe(400);
      expect(typeof res.body.error.message).toBe('string');
    };
    await bad({});
    await bad({ contentType: ARTICLE });
    await bad({ contentType: 'plugin::llm.usage', documentIds: [] });
    await bad({ contentType: ARTICLE, documentIds: ["x' OR 1=1 --"] });
    await bad({ contentType: ARTICLE, filters: { nope: { $eq: 1 } } });
    expect(
      (await post(`/llm/tasks/999999/estimate`, { contentType: ARTICLE, documentIds: [] })).status
    ).toBe(404);
  });

  it('breaks the Analytics page down by content type and lists the top entries by cost', async () => {
    await flushUsage(app.strapi);
    const res = await get('/llm/analytics?range=1d');
    const day = await get('/llm/analytics?range=7d');
    for (const doc of [res.body.data, day.body.data]) {
      const rows = (await usageRows(app.strapi, {})).filter(
        (r) => r.errorCode !== 'budget_exceeded'
      );
      const byEntry = new Map<string, bigint>();
      for (const r of rows)
        if (r.entryUid)
          byEntry.set(
            `${r.entryUid}|${r.entryDocumentId}`,
            (byEntry.get(`${r.entryUid}|${r.entryDocumentId}`) ?? 0n) + BigInt(r.costNano ?? 0)
          );
      const articleRow = doc.breakdowns.contentType.find((c: any) => c.key === ARTICLE);
      expect(articleRow).toMatchObject({
        label: 'Article',
        requests: rows.filter((r) => r.entryUid === ARTICLE).length,
      });
      const top = [...byEntry.entries()].sort((x, y) => (y[1] > x[1] ? 1 : y[1] < x[1] ? -1 : 0));
      expect(doc.topEntries[0]).toMatchObject({
        key: top[0][0],
        uid: ARTICLE,
        contentType: 'Article',
      });
      expect(doc.topEntries.length).toBe(Math.min(10, top.length));
    }
  });
});
