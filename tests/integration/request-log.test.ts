import { randomUUID } from 'node:crypto';
import { formatFemtoUsd, toFemto } from '../../server/src/pricing/money';
import { adminToken, createAdminUser, login } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createConfiguration,
  createModel,
  createProvider,
  createTask,
  usageRows,
} from '../support/fixtures';
import { setupStrapiFixture } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const ZONE = 'Europe/Berlin';
const NOW = new Date('2026-03-30T10:15:00Z');
const MINUTE = 60_000;
const ARTICLE = 'api::article.article';

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

type Raw = Record<string, any>;
const at = (r: Raw) => new Date(r.occurredAt).getTime();
const status = (r: Raw) =>
  r.errorCode === 'budget_exceeded' ? 'blocked' : r.success ? 'success' : 'failure';
const costOf = (r: Raw) =>
  r.costNano === null
    ? null
    : formatFemtoUsd(toFemto(BigInt(r.costNano), r.costRemainderFemto ?? 0));

describe(`the request log, every page recomputed from raw rows (${currentClient()})`, () => {
  const app = setupStrapiFixture({ env: { LLM_TIME_ZONE: ZONE } });
  let token: string;
  let editor: { id: number; email: string; password: string };
  let author: { id: number; email: string; password: string };
  let rows: Raw[];
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    app.strapi
      .plugin('llm')
      .service('clock')
      .set(() => NOW);
    token = (await adminToken(app.strapi, app.request)).token;
    editor = await createAdminUser(app.strapi, ['strapi-editor'], { lastname: 'Editor' });
    author = await createAdminUser(app.strapi, ['strapi-author']);
    const provider = await createProvider(app.strapi, { adapter: 'openai', name: 'OpenAI' });
    const models = await Promise.all(
      [0, 1, 2].map((i) =>
        createModel(app.strapi, provider, { modelId: `m-${i}`, displayName: `Model ${i}` })
      )
    );
    const primary = await createConfiguration(app.strapi, models[0], { name: 'Primary' });
    const backup = await createConfiguration(app.strapi, models[1], { name: 'Backup' });
    const task = await createTask(app.strapi, primary, { name: 'Summarise', promptTemplate: 'x' });
    Object.assign(ids, {
      provider: provider.id,
      model: models[2].id,
      primary: primary.id,
      backup: backup.id,
      task: task.id,
    });

    const random = rng(7);
    const users = [editor.id, author.id, null];
    const events: Array<Parameters<typeof writeEvents>[2][number]> = [];
    // 4,300 calls over 60 days, a few at the very same instant (ties broken by id).
    for (let i = 0; i < 4300; i += 1) {
      const outcome = random();
      const m = models[Math.floor(random() * 3)];
      const occurredAt = new Date(NOW.getTime() - Math.floor(i / 2) * 40 * MINUTE - 5 * MINUTE);
      events.push({
        occurredAt,
        providerId: provider.id,
        modelId: m.id,
        modelKey: m.modelId,
        configurationId: random() < 0.5 ? primary.id : null,
        taskId: random() < 0.3 ? task.id : null,
        service: random() < 0.7 ? 'chat' : 'embedding',
        source: random() < 0.2 ? '=HYPERLINK("http://x")' : random() < 0.5 ? 'editor-ui' : null,
        userId: users[Math.floor(random() * 3)],
        inputTokens: Math.floor(random() * 3000),
        outputTokens: Math.floor(random() * 500),
        costNano: outcome < 0.05 ? null : BigInt(Math.floor(random() * 3_000_000)),
        costRemainderFemto: outcome < 0.05 ? 0 : Math.floor(random() * 900_000),
        priceSource: outcome < 0.05 ? 'none' : 'model',
        success: outcome <= 0.9,
        errorCode: outcome > 0.96 ? 'budget_exceeded' : outcome > 0.9 ? 'provider_timeout' : null,
        latencyMs: random() < 0.05 ? null : Math.floor(random() * 2000),
        entryUid: i % 10 === 0 ? ARTICLE : null,
        entryDocumentId: i % 10 === 0 ? `doc${i % 30}` : null,
        entryLocale: i % 10 === 0 ? 'en' : null,
        metadata:
          i % 7 === 0 ? { tags: ['nightly', 'batch'] } : i % 11 === 0 ? { tag: 'urgent' } : null,
      } as any);
    }
    // A logical call: a timeout, its retry (another timeout), then the fallback that answered; the
    // later attempts name the first (attemptOf), as the gateway writes them. Beside it, the same
    // caller's identical call moments later that failed on its own: not an attempt of the chain.
    const chain = { userId: editor.id, taskId: task.id, service: 'chat' as const, source: 'chain' };
    const t0 = NOW.getTime() - 2 * MINUTE;
    const first = randomUUID();
    events.push(
      {
        ...chain,
        source: 'chain-neighbour',
        occurredAt: new Date(t0 - 500),
        configurationId: primary.id,
        modelId: models[0].id,
        success: false,
        errorCode: 'provider_timeout',
        errorMessage: 'a call of its own',
      },
      {
        ...chain,
        requestId: first,
        occurredAt: new Date(t0),
        configurationId: primary.id,
        modelId: models[0].id,
        success: false,
        errorCode: 'provider_timeout',
        errorMessage: 'timed out after 30 s',
      },
      {
        ...chain,
        occurredAt: new Date(t0 + 1000),
        configurationId: primary.id,
        modelId: models[0].id,
        success: false,
        errorCode: 'provider_timeout',
        errorMessage: 'timed out again',
        attemptOf: first,
      },
      {
        ...chain,
        occurredAt: new Date(t0 + 2000),
        configurationId: backup.id,
        modelId: models[1].id,
        fallbackFromConfigurationId: primary.id,
        attemptOf: first,
      }
    );
    for (let i = 0; i < events.length; i += 500)
      await writeEvents(app.strapi, ZONE, events.slice(i, i + 500));
    rows = await usageRows(app.strapi);
  });

  const get = (url: string, bearer = token) =>
    app.request.get(url).set('Authorization', `Bearer ${bearer}`);

  /** Every page of a query, walked by cursor: the ids in the order served. */
  async function walk(query: string, limit = 200): Promise<any[]> {
    const all: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = query ? '&' : '';
      const res = await get(
        `/llm/requests?${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`
      );
      expect(res.status).toBe(200);
      all.push(...res.body.data.rows);
      cursor = res.body.data.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(200);
    } while (cursor);
    return all;
  }

  const KEYS: Record<string, (r: Raw) => number> = {
    time: at,
    cost: (r) => (r.costNano === null ? -1 : Number(r.costNano)),
    latency: (r) => r.latencyMs ?? -1,
    tokens: (r) => (r.inputTokens ?? 0) + (r.outputTokens ?? 0),
  };
  const expectedIds = (keep: (r: Raw) => boolean, sort = 'time', order = 'desc') => {
    const sign = order === 'desc' ? -1 : 1;
    return rows
      .filter(keep)
      .sort((a, b) => sign * (KEYS[sort](a) - KEYS[sort](b) || a.id - b.id))
      .map((r) => r.id);
  };

  it('walks every page newest first: no row twice, none missing, each as stored', async () => {
    const served = await walk('', 37);
    expect(served.map((r) => r.id)).toEqual(expectedIds(() => true));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const row of served) {
      const raw = byId.get(row.id)!;
      expect(row).toMatchObject({
        requestId: raw.requestId,
        occurredAt: new Date(raw.occurredAt).toISOString(),
        status: status(raw),
        errorCode: raw.errorCode ?? null,
        costUsd: costOf(raw),
        inputTokens: raw.inputTokens,
        outputTokens: raw.outputTokens,
        latencyMs: raw.latencyMs ?? null,
        service: raw.service,
      });
      if (raw.modelId)
        expect(row.model).toEqual({ id: raw.modelId, name: expect.stringMatching(/^Model \d$/) });
      if (raw.userId === editor.id)
        expect(row.user).toMatchObject({ id: editor.id, email: editor.email });
      if (raw.userId === null) expect(row.user).toBeNull();
    }
    expect(served.some((r) => r.costUsd === null)).toBe(true);
  });

  it.each([
    ['time', 'asc'],
    ['cost', 'desc'],
    ['cost', 'asc'],
    ['latency', 'desc'],
    ['tokens', 'desc'],
    ['tokens', 'asc'],
  ])('sorts by %s %s across pages', async (sort, order) => {
    const served = await walk(`sort=${sort}&order=${order}`, 200);
    expect(served.map((r) => r.id)).toEqual(expectedIds(() => true, sort, order));
  });

  const FILTERS: Array<[string, (r: Raw) => boolean]> = [
    ['provider=PROVIDER', (r) => r.providerId === ids.provider],
    ['model=MODEL', (r) => r.modelId === ids.model],
    ['configuration=PRIMARY', (r) => r.configurationId === ids.primary],
    ['task=TASK', (r) => r.taskId === ids.task],
    ['user=0', (r) => r.userId === null],
    ['user=EDITOR&user=0', (r) => r.userId === null || r.userId === ids.editor],
    ['role=EDITOR_ROLE', (r) => r.userId === ids.editor],
    ['source=editor-ui', (r) => r.source === 'editor-ui'],
    ['contentType=api::article.article', (r) => r.entryUid === ARTICLE],
    [
      'entry=api::article.article|doc10',
      (r) => r.entryUid === ARTICLE && r.entryDocumentId === 'doc10',
    ],
    ['service=embedding', (r) => r.service === 'embedding'],
    ['status=success', (r) => status(r) === 'success'],
    ['status=failure', (r) => status(r) === 'failure'],
    ['status=blocked', (r) => status(r) === 'blocked'],
    ['status=failure&status=blocked', (r) => status(r) !== 'success'],
    ['errorCode=provider_timeout', (r) => r.errorCode === 'provider_timeout'],
    ['tag=nightly', (r) => (r.metadata?.tags ?? []).includes('nightly')],
    ['tag=urgent', (r) => r.metadata?.tag === 'urgent'],
    ['model=MODEL&status=failure', (r) => r.modelId === ids.model && status(r) === 'failure'],
    [
      'user=0&service=chat&range=7d',
      (r) => r.userId === null && r.service === 'chat' && r.day >= '2026-03-24',
    ],
    [
      'range=1d',
      (r) =>
        at(r) >= Date.parse('2026-03-29T11:00:00Z') && at(r) < Date.parse('2026-03-30T11:00:00Z'),
    ],
    ['from=2026-03-01&to=2026-03-10', (r) => r.day >= '2026-03-01' && r.day <= '2026-03-10'],
    ['from=2026-03-25', (r) => r.day >= '2026-03-25'],
  ];
  it.each(FILTERS)('filters %s, compared with the raw rows', async (query, keep) => {
    const roleId = (
      await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } })
    ).id;
    Object.assign(ids, { editor: editor.id });
    const filled = query
      .replace('PROVIDER', String(ids.provider))
      .replace('MODEL', String(ids.model))
      .replace('PRIMARY', String(ids.primary))
      .replace('TASK', String(ids.task))
      .replace('EDITOR_ROLE', String(roleId))
      .replace('EDITOR', String(editor.id));
    const expected = expectedIds(keep);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(rows.length);
    const served = await walk(filled, 150);
    expect(served.map((r) => r.id)).toEqual(expected);
  });

  it.each([
    ['cursor=nope!', 'cursor'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['sort=price', 'sort'],
    ['order=up', 'order'],
    ['range=2y', 'range'],
    ['from=2026-02-30', 'from'],
    ['from=2026-03-10&to=2026-03-01', 'from'],
    ['model=abc', 'model'],
    ['status=lost', 'status'],
    ['entry=nope', 'entry'],
  ])('refuses %s with a 400 naming %s', async (query, parameter) => {
    const res = await get(`/llm/requests?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(parameter);
    expect(res.body.error.details.errors[0].path).toEqual([parameter]);
  });

  it('refuses a tampered cursor, and one made for another sort', async () => {
    const first = (await get('/llm/requests?limit=5')).body.data;
    const decoded = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify([decoded[0], decoded[1], decoded[2], 'x'])).toString(
      'base64url'
    );
    expect((await get(`/llm/requests?cursor=${forged}`)).status).toBe(400);
    expect((await get(`/llm/requests?sort=cost&cursor=${first.nextCursor}`)).status).toBe(400);
    expect((await get(`/llm/requests?cursor=${first.nextCursor}&limit=5`)).status).toBe(200);
  });

  it('refuses Editors and Authors on every route', async () => {
    const some = rows[0].id;
    for (const user of [editor, author]) {
      const bearer = await login(app.request, user);
      for (const path of ['/llm/requests', `/llm/requests/${some}`, '/llm/requests/export'])
        expect((await get(path, bearer)).status).toBe(403);
    }
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await get('/llm/requests/99999999')).status).toBe(404);
    expect((await get('/llm/requests/abc')).status).toBe(400);
  });

  it('shows a row whole, with the attempts of its call grouped: two timeouts, then the fallback', async () => {
    const chain = rows.filter((r) => r.source === 'chain').sort((a, b) => a.id - b.id);
    for (const member of chain) {
      const res = await get(`/llm/requests/${member.id}`);
      expect(res.status).toBe(200);
      const detail = res.body.data;
      expect(detail.errorMessage).toBe(member.errorMessage ?? null);
      expect(detail.attempts.map((a: any) => [a.id, a.kind, a.status])).toEqual([
        [chain[0].id, 'first', 'failure'],
        [chain[1].id, 'retry', 'failure'],
        [chain[2].id, 'fallback', 'success'],
      ]);
    }
    const last = (await get(`/llm/requests/${chain[2].id}`)).body.data;
    expect(last.fallbackFrom).toEqual({ id: ids.primary, name: 'Primary' });
    expect(last.configuration).toEqual({ id: ids.backup, name: 'Backup' });
    const withEntry = rows.find((r) => r.entryUid && r.metadata)!;
    const detail = (await get(`/llm/requests/${withEntry.id}`)).body.data;
    expect(detail.metadata).toEqual(withEntry.metadata);
    expect(detail.entryPath).toBe(
      `/content-manager/collection-types/${ARTICLE}/${withEntry.entryDocumentId}?plugins[i18n][locale]=en`
    );
    // The same caller's failure half a second before the chain is a call of its own.
    const neighbour = rows.find((r) => r.source === 'chain-neighbour')!;
    const alone = (await get(`/llm/requests/${neighbour.id}`)).body.data;
    expect(alone.attempts.map((a: any) => a.id)).toEqual([neighbour.id]);
    expect(alone.attemptOf).toBeNull();
    expect((await get(`/llm/requests/${chain[2].id}`)).body.data.attemptOf).toBe(
      chain[0].requestId
    );
    // A lone success is a call of one attempt.
    const lone = rows.find((r) => r.success && r.source === 'editor-ui')!;
    expect((await get(`/llm/requests/${lone.id}`)).body.data.attempts).toHaveLength(1);
  });

  it('exports the filtered log as CSV, streamed over several chunks, formulas neutralised', async () => {
    const res = await get('/llm/requests/export?sort=time')
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        r.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="llm-requests-/);
    const lines = (res.body as string).trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['id', 'request_id', 'occurred_at', 'status']);
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(expectedIds(() => true));
    const header = lines[0].split(',');
    const unpriced = rows.find((r) => r.costNano === null)!;
    const line = lines.find((l) => l.startsWith(`${unpriced.id},`))!;
    expect(line.split(',')[header.indexOf('cost_usd')]).toBe('');
    expect(res.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const filtered = await get('/llm/requests/export?status=blocked').buffer(true);
    const blocked = String(filtered.text).trimEnd().split('\r\n');
    expect(blocked).toHaveLength(rows.filter((r) => status(r) === 'blocked').length + 1);
  });
});
