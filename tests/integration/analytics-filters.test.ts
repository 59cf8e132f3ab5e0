import { adminToken, createAdminUser, createFullAccessToken, login } from '../support/admin';
import {
  divRound,
  expectedFigures,
  keyed,
  matchesFilters,
  nanoUsd,
  type RawRow,
} from '../support/analytics-expected';
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
// Monday 30 March 2026, 12:15 in Berlin: the day after the switch to summer time, a day before a month end.
const NOW = new Date('2026-03-30T10:15:00Z');
const HOUR = 3_600_000;

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Every period the page offers; custom crosses the DST change and the February end. */
const PERIODS = [
  'range=1d',
  'range=7d',
  'range=30d',
  'range=90d',
  'range=month',
  'range=365d',
  'from=2026-02-20&to=2026-03-29',
];

describe(`analytics periods, comparison and filters, recomputed from raw rows (${currentClient()})`, () => {
  const app = setupStrapiFixture({ env: { LLM_TIME_ZONE: ZONE } });
  let superToken: string;
  let editor: { id: number; email: string; password: string };
  let author: { id: number; email: string; password: string };
  let editorRoleId: number;
  let ids: Record<string, number>;
  let token: { id: number; accessKey: string };
  let rows: RawRow[];

  beforeAll(async () => {
    app.strapi
      .plugin('llm')
      .service('analytics')
      .setClock(() => NOW);
    superToken = (await adminToken(app.strapi, app.request)).token;
    editor = await createAdminUser(app.strapi, ['strapi-editor']);
    author = await createAdminUser(app.strapi, ['strapi-author']);
    editorRoleId = (
      await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } })
    ).id;
    token = await createFullAccessToken(app.strapi, 'newsletter bot');
    const openai = await createProvider(app.strapi, { adapter: 'openai', name: 'OpenAI main' });
    const anthropic = await createProvider(app.strapi, { adapter: 'anthropic', name: 'Anthropic' });
    const models = await Promise.all(
      [openai, anthropic, openai].map((p, i) =>
        createModel(app.strapi, p, { modelId: `model-${i}`, displayName: `Model ${i}` })
      )
    );
    const configurations = await Promise.all(
      models.slice(0, 2).map((m) => createConfiguration(app.strapi, m))
    );
    const task = await createTask(app.strapi, configurations[0], {
      name: 'Summarise',
      promptTemplate: '{{x}}',
    });
    ids = {
      openai: openai.id,
      anthropic: anthropic.id,
      model0: models[0].id,
      model1: models[1].id,
      model2: models[2].id,
      configuration0: configurations[0].id,
      task: task.id,
    };

    const random = rng(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const events: Array<Parameters<typeof writeEvents>[2][number]> = [];
    for (let h = 0; h < 24 * 420; h += 5) {
      const i = Math.floor(random() * models.length);
      const outcome = random();
      const viaToken = random() < 0.2;
      events.push({
        occurredAt: new Date(NOW.getTime() - h * HOUR - 60_000),
        providerId: i === 1 ? anthropic.id : openai.id,
        modelId: models[i].id,
        modelKey: `model-${i}`,
        configurationId: i < 2 ? configurations[i].id : null,
        service: pick(['chat', 'embedding', 'translation'] as const),
        taskId: random() < 0.3 ? task.id : null,
        source: pick(['editor-ui', 'content-api', null]),
        userId: viaToken ? null : pick([editor.id, author.id, null]),
        apiTokenId: viaToken ? token.id : null,
        inputTokens: Math.floor(random() * 5000),
        outputTokens: Math.floor(random() * 800),
        cacheReadTokens: Math.floor(random() * 500),
        cacheWriteTokens: Math.floor(random() * 200),
        costNano: outcome < 0.05 ? null : BigInt(Math.floor(random() * 5_000_000)),
        costRemainderFemto: outcome < 0.05 ? 0 : Math.floor(random() * 1_000_000) - 500_000,
        cacheSavingsNano: BigInt(Math.floor(random() * 90_000)),
        priceSource: outcome < 0.05 ? 'none' : 'model',
        success: outcome <= 0.9,
        errorCode:
          outcome > 0.97
            ? 'budget_exceeded'
            : outcome > 0.94
              ? 'rate_limited'
              : outcome > 0.92
                ? 'provider_error'
                : outcome > 0.9
                  ? null
                  : null,
        latencyMs: Math.floor(random() * 3000),
        entryUid: random() < 0.3 ? 'plugin::llm.task' : null,
        entryDocumentId: null,
        metadata: pick([
          null,
          { tags: ['newsletter'] },
          { tags: ['newsletter', 'seo'] },
          { tag: 'seo' },
        ]),
      });
    }
    for (let i = 0; i < events.length; i += 500)
      await writeEvents(app.strapi, ZONE, events.slice(i, i + 500));
    rows = (await usageRows(app.strapi)) as RawRow[];
  });

  afterAll(() => app.strapi.plugin('llm').service('analytics').setClock(null));

  const get = (url: string, bearer = superToken) =>
    app.request.get(url).set('Authorization', `Bearer ${bearer}`);

  /** Scenario name → filters (ids resolved once the fixtures exist). */
  const FILTERS: Record<string, () => Record<string, string[]>> = {
    none: () => ({}),
    'one model': () => ({ model: [String(ids.model0)] }),
    'two models': () => ({ model: [String(ids.model0), String(ids.model2)] }),
    'failed or blocked': () => ({ status: ['failure', 'blocked'] }),
    'model + status + user': () => ({
      model: [String(ids.model0), String(ids.model1)],
      status: ['success'],
      user: [String(editor.id), '0'],
    }),
    'editor role': () => ({ role: [String(editorRoleId)] }),
    'API token + service': () => ({ apiToken: [String(token.id)], service: ['chat'] }),
    'provider + configuration + task + source': () => ({
      provider: [String(ids.openai)],
      configuration: [String(ids.configuration0)],
      task: [String(ids.task)],
      source: ['', 'editor-ui'],
    }),
    'content type': () => ({ contentType: ['plugin::llm.task'] }),
  };
  const query = (filters: Record<string, string[]>) =>
    Object.entries(filters)
      .flatMap(([key, values]) => values.map((v) => `${key}=${encodeURIComponent(v)}`))
      .join('&');
  const roleMembers = (roleId: number) => (roleId === editorRoleId ? [editor.id] : []);

  /**
   * Rows in a period: a day period by local date; the hourly range (and the 24 hours before it) by
   * instant, as the server bounds them.
   */
  function inPeriod(from: string, to: string, previous = false) {
    if (from.length === 10) return (r: RawRow) => r.day >= from && r.day <= to;
    const since = Math.floor(NOW.getTime() / HOUR) * HOUR - (previous ? 47 : 23) * HOUR;
    return (r: RawRow) => {
      const at = new Date(r.occurredAt).getTime();
      return at >= since && at < since + 24 * HOUR && r.hour >= from && r.hour <= to;
    };
  }

  function compare(doc: any, filters: Record<string, string[]>, onlyUser?: number) {
    const matches = matchesFilters(filters, roleMembers);
    const scoped = (r: RawRow) =>
      matches(r) && (onlyUser === undefined || (r.userId ?? 0) === onlyUser);
    const hourly = doc.range.bucket === 'hour';
    const inRange = inPeriod(doc.range.from, doc.range.to);
    const expected = expectedFigures(
      rows,
      (r) => inRange(r) && scoped(r),
      (r) => (hourly ? r.hour : r.day)
    );
    expect(doc.kpis).toMatchObject(expected.kpis);
    const previous = inPeriod(doc.comparison.from, doc.comparison.to, true);
    const expectedPrevious = expectedFigures(
      rows,
      (r) => previous(r) && scoped(r),
      (r) => r.day
    );
    expect(doc.comparison.kpis).toMatchObject(expectedPrevious.kpis);
    const trend = Object.fromEntries(
      doc.trend
        .filter((p: any) => p.requests > 0)
        .map((p: any) => [
          p.bucket,
          {
            requests: p.requests,
            tokens: p.tokens,
            costUsd: p.costUsd,
            cacheReadTokens: p.cacheReadTokens,
            cacheWriteTokens: p.cacheWriteTokens,
            cacheSavingsUsd: p.cacheSavingsUsd,
          },
        ])
    );
    expect(trend).toEqual(
      Object.fromEntries(
        Object.entries(expected.byBucket).map(([k, v]) => [
          k,
          {
            requests: v.requests,
            tokens: v.tokens,
            costUsd: v.costUsd,
            ...expected.cacheByBucket[k],
          },
        ])
      )
    );
    for (const [name, rowsOf] of Object.entries(expected.breakdowns))
      expect([name, keyed(doc.breakdowns[name])]).toEqual([name, rowsOf]);
    expect(keyed(doc.users.map((u: any) => ({ ...u, key: String(u.userId ?? 0) })))).toEqual(
      expected.users
    );
    return expected;
  }

  const cases = PERIODS.flatMap((period) => Object.keys(FILTERS).map((f) => [period, f]));
  it.each(cases)(
    '%s with filters "%s": every figure and the comparison equal the raw rows',
    async (period, name) => {
      const filters = FILTERS[name]();
      const response = await get(`/llm/analytics?${period}&${query(filters)}`);
      expect(response.status).toBe(200);
      const doc = response.body.data;
      const chips = (list: string[][]) => list.map((pair) => pair.join('=')).sort();
      expect(chips(doc.filters.map((f: any) => [f.key, f.value]))).toEqual(
        chips(Object.entries(filters).flatMap(([k, values]) => values.map((v) => [k, v])))
      );
      const expected = compare(doc, filters);
      if (name !== 'none' && period !== 'range=1d')
        expect(expected.kpis.requests).toBeGreaterThan(0);
    }
  );

  it('names every filter chip, an API token by its name and never its key', async () => {
    const filters = FILTERS['model + status + user']();
    const doc = (
      await get(
        `/llm/analytics?range=30d&${query(filters)}&apiToken=${token.id}&role=${editorRoleId}`
      )
    ).body.data;
    const label = (key: string, value: string) =>
      doc.filters.find((f: any) => f.key === key && f.value === value)?.label;
    expect(label('model', String(ids.model0))).toBe('Model 0');
    expect(label('user', '0')).toBe('system');
    expect(label('role', String(editorRoleId))).toBe('Editor');
    expect(label('apiToken', String(token.id))).toMatch(/^newsletter bot/);
    expect(label('status', 'success')).toBe('success');
    expect(JSON.stringify(doc)).not.toContain(token.accessKey);
  });

  it('My usage: filters narrow within the user’s own calls; user and role are refused', async () => {
    const editorToken = await login(app.request, editor);
    const filters = { status: ['failure', 'blocked'], model: [String(ids.model0)] };
    const mine = await get(`/llm/me/analytics?range=365d&${query(filters)}`, editorToken);
    expect(mine.status).toBe(200);
    expect(mine.body.data.roles).toEqual([]);
    compare(mine.body.data, filters, editor.id);
    for (const bad of [`user=${author.id}`, `role=${editorRoleId}`]) {
      const response = await get(`/llm/me/analytics?${bad}`, editorToken);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(new RegExp(`^${bad.split('=')[0]}`));
    }
  });

  it('cost by role: the usage of each role’s current members, cost per member exact', async () => {
    const doc = (await get('/llm/analytics?range=90d')).body.data;
    const editors = doc.roles.find((r: any) => r.key === String(editorRoleId));
    const editorsOnly = expectedFigures(
      rows,
      (r) => inPeriod(doc.range.from, doc.range.to)(r) && r.userId === editor.id,
      (r) => r.day
    );
    expect(editors.costUsd).toBe(editorsOnly.kpis.costUsd);
    const editorRows = rows.filter(
      (r) =>
        inPeriod(doc.range.from, doc.range.to)(r) &&
        r.userId === editor.id &&
        r.errorCode !== 'budget_exceeded'
    );
    const femto = editorRows.reduce(
      (sum, r) =>
        r.costNano === null
          ? sum
          : sum + BigInt(r.costNano) * 1_000_000n + BigInt(r.costRemainderFemto ?? 0),
      0n
    );
    expect(editors).toMatchObject({ label: 'Editor', members: 1, requests: editorRows.length });
    expect(editors.costPerMemberUsd).toBe(nanoUsd(divRound(femto, 1_000_000n)));
    expect(editors.requests).toBeGreaterThan(0);
    // A role without members is listed, with no cost per member.
    expect(doc.roles.every((r: any) => r.members > 0 || r.costPerMemberUsd === null)).toBe(true);
  });

  it('compares with the period before: hours across the DST change, days across a month end', async () => {
    const day = (await get('/llm/analytics?range=1d')).body.data;
    expect(day.range).toMatchObject({ from: '2026-03-29 13', to: '2026-03-30 12' });
    // 24 instants before: from 12:00 winter time on 28 March to 12:00 summer time on 29 March.
    expect(day.comparison).toMatchObject({ from: '2026-03-28 12', to: '2026-03-29 12' });
    const month = (await get('/llm/analytics?range=month')).body.data;
    expect(month.range).toMatchObject({ key: 'month', from: '2026-03-01', to: '2026-03-30' });
    expect(month.range.previous).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(month.range.navigation).toEqual({
      previous: { from: '2026-02-01', to: '2026-02-28' },
      next: null,
    });
    const feb = (await get('/llm/analytics?from=2026-02-01&to=2026-02-28')).body.data;
    expect(feb.range).toMatchObject({ key: 'custom', days: 28, note: null });
    expect(feb.comparison).toMatchObject({ from: '2026-01-01', to: '2026-01-31' });
    expect(feb.range.navigation).toEqual({
      previous: { from: '2026-01-01', to: '2026-01-31' },
      next: { from: '2026-03-01', to: '2026-03-30' },
    });
    compare(feb, {});
    const span = (await get('/llm/analytics?from=2026-03-26&to=2026-04-10')).body.data;
    // Cut at today, without a note; moved by its length.
    expect(span.range).toMatchObject({ from: '2026-03-26', to: '2026-03-30', days: 5, note: null });
    expect(span.comparison).toMatchObject({ from: '2026-03-21', to: '2026-03-25' });
    expect(span.range.navigation).toEqual({
      previous: { from: '2026-03-21', to: '2026-03-25' },
      next: null,
    });
    compare(span, {});
    const week = (await get('/llm/analytics?range=7d')).body.data;
    expect(week.range.navigation).toBeNull();
    expect(week.comparison).toMatchObject({ from: '2026-03-17', to: '2026-03-23' });
  });

  it.each([
    ['from=2026-02-30&to=2026-03-01', 'invalid-date'],
    ['from=2026-03-01', 'invalid-date'],
    ['from=yesterday&to=today', 'invalid-date'],
    ['from=2026-03-10&to=2026-03-01', 'reversed'],
    ['from=2023-01-01&to=2026-03-01', 'too-long'],
    ['from=2026-04-02&to=2026-04-05', 'future'],
  ])('a bad period (%s) falls back to 30 days with note %s', async (period, note) => {
    const response = await get(`/llm/analytics?${period}`);
    expect(response.status).toBe(200);
    expect(response.body.data.range).toMatchObject({ key: '30d', note, from: '2026-03-01' });
  });

  it.each([
    'model=abc',
    'status=nope',
    'service=fax',
    'user=-1',
    'contentType=%27%20OR%201',
    `role=1&role=x`,
  ])('refuses a bad filter (%s) with a 400 naming it', async (bad) => {
    const response = await get(`/llm/analytics?${bad}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(new RegExp(`^${bad.split('=')[0]}`));
  });

  it('refuses Editors and Authors (403), filtered or not, export included', async () => {
    for (const user of [editor, author]) {
      const bearer = await login(app.request, user);
      expect((await get(`/llm/analytics?model=${ids.model0}`, bearer)).status).toBe(403);
      expect((await get(`/llm/analytics/export?status=failure&format=json`, bearer)).status).toBe(
        403
      );
    }
  });

  it('exports the filtered period: JSON equal to the page, CSV with the filtered figures', async () => {
    const q = `from=2026-02-20&to=2026-03-29&${query(FILTERS['failed or blocked']())}`;
    const page = (await get(`/llm/analytics?${q}`)).body.data;
    const json = await get(`/llm/analytics/export?${q}&format=json`);
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text)).toEqual(page);
    const csv = (await get(`/llm/analytics/export?${q}&format=csv`)).text;
    expect(csv).toContain(`kpi,requests,requests,,,,,${page.kpis.requests}`);
    expect(csv).toContain('filter,status,failure');
  });
});
