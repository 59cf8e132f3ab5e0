import { adminToken, createAdminUser, login } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  storedApiKey,
  withConfiguredModel,
} from '../support/fixtures';

/**
 * Finding 2, 3 and 4 of the trust-boundary issue: who may configure the gateway, and what a role
 * that may read it sees. Each test here failed on the code before the fix (noted per test).
 */
const CM = '/content-manager/collection-types';
const PROVIDER = 'plugin::llm.provider';
const MODEL = 'plugin::llm.model';
const CONFIGURATION = 'plugin::llm.configuration';
const TASK = 'plugin::llm.task';
const USAGE = 'plugin::llm.usage';
const CONFIGURATION_TYPES = [PROVIDER, MODEL, CONFIGURATION, TASK];
const SECRET_KEY = 'sk-live-AUTHORITY-TEST-123456789';

type Who = 'author' | 'editor' | 'cmUpdater' | 'configurator' | 'superAdmin';
const UNPRIVILEGED: Who[] = ['author', 'editor', 'cmUpdater'];

const cmPermissions = (actions: string[], subjects: string[]) =>
  actions.flatMap((action) =>
    subjects.map((subject) => ({
      action: `plugin::content-manager.explorer.${action}`,
      subject,
      properties: {},
      conditions: [],
    }))
  );

describe(`trust boundary: configuring the gateway and reading what it holds (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture();
  const tokens: Partial<Record<Who, string>> = {};
  const users: Partial<Record<Who, { id: number }>> = {};
  let provider: any;
  let model: any;
  let configuration: any;
  let task: any;
  const byType = () =>
    ({
      [PROVIDER]: provider,
      [MODEL]: model,
      [CONFIGURATION]: configuration,
      [TASK]: task,
    }) as Record<string, any>;

  async function roleWith(
    name: string,
    wanted: Array<{
      action: string;
      subject: string | null;
      properties: object;
      conditions: string[];
    }>
  ) {
    // Only registered actions (so that this file runs, and shows what fails, on code without the plugin permission).
    const permissions = wanted.filter(({ action }) =>
      app.strapi.admin!.services.permission.actionProvider.has(action)
    );
    const role = await app.strapi
      .service('admin::role')
      .create({ name: `${name} ${Date.now()}`, description: name });
    await app.strapi.service('admin::role').assignPermissions(role.id, permissions);
    const user = await createAdminUser(app.strapi, [role.id]);
    return { user, token: await login(app.request, user) };
  }

  beforeAll(async () => {
    for (const [who, role] of [
      ['author', 'strapi-author'],
      ['editor', 'strapi-editor'],
      ['superAdmin', 'strapi-super-admin'],
    ] as const) {
      const { user, token } = await adminToken(app.strapi, app.request, [role]);
      tokens[who] = token;
      users[who] = user;
    }
    // An admin deliberately gave this role every Content Manager right on the plugin's types, and no plugin permission.
    const cmUpdater = await roleWith('CM updater', [
      ...cmPermissions(['read', 'create', 'update', 'delete'], [...CONFIGURATION_TYPES, USAGE]),
      { action: 'plugin::llm.tasks.run', subject: null, properties: {}, conditions: [] },
    ]);
    // The same Content Manager rights plus the plugin's permission: may configure.
    const configurator = await roleWith('LLM configurator', [
      ...cmPermissions(['read', 'create', 'update', 'delete'], CONFIGURATION_TYPES),
      { action: 'plugin::llm.settings.manage', subject: null, properties: {}, conditions: [] },
    ]);
    Object.assign(tokens, { cmUpdater: cmUpdater.token, configurator: configurator.token });
    Object.assign(users, { cmUpdater: cmUpdater.user, configurator: configurator.user });

    ({ provider, model, configuration } = await withConfiguredModel(app.strapi, stub, {
      provider: { apiKey: SECRET_KEY },
      model: { modelId: 'authority-model', priceInput: '1', priceOutput: '2' },
    }));
    task = await createTask(app.strapi, configuration, {
      name: 'Authority task',
      promptTemplate: 'Echo {{x}}',
    });
    await llm(app.strapi).chat({ model: model.id, prompt: 'recorded', user: users.superAdmin!.id });
    await flushUsage(app.strapi);
  });

  const as = (who: Who, method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    app.request[method](path).set('Authorization', `Bearer ${tokens[who]}`);

  /** What each Content Manager write path sends for a type (a valid body, so only authority decides). */
  const bodies: Record<string, () => Record<string, unknown>> = {
    [PROVIDER]: () => ({
      name: `p ${Math.random()}`,
      adapter: 'openai',
      baseURL: `${stub.url}/v1`,
      active: true,
      timeoutMs: 5000,
      maxRetries: 0,
    }),
    [MODEL]: () => ({
      displayName: `m ${Math.random()}`,
      modelId: 'm',
      priceInput: '0',
      priceOutput: '0',
      active: true,
    }),
    [CONFIGURATION]: () => ({ name: `c ${Math.random()}`, active: true }),
    [TASK]: () => ({
      name: `t ${Math.random()}`,
      promptTemplate: 'x',
      service: 'chat',
      contentApi: true,
    }),
  };
  const count = (uid: string) => app.strapi.db.query(uid as any).count();
  const fingerprint = async (uid: string) =>
    JSON.stringify(await app.strapi.db.query(uid as any).findMany({ orderBy: { id: 'asc' } }));

  const writePaths: Array<{ name: string; send: (who: Who, uid: string) => Promise<number> }> = [
    {
      name: 'create',
      send: async (who, uid) => (await as(who, 'post', `${CM}/${uid}`).send(bodies[uid]())).status,
    },
    {
      name: 'update',
      send: async (who, uid) =>
        (
          await as(who, 'put', `${CM}/${uid}/${byType()[uid].documentId}`).send({
            ...bodies[uid](),
            name: undefined,
          })
        ).status,
    },
    {
      name: 'clone',
      send: async (who, uid) =>
        (
          await as(who, 'post', `${CM}/${uid}/clone/${byType()[uid].documentId}`).send(
            bodies[uid]()
          )
        ).status,
    },
    {
      name: 'auto-clone',
      send: async (who, uid) =>
        (await as(who, 'post', `${CM}/${uid}/auto-clone/${byType()[uid].documentId}`).send({}))
          .status,
    },
    {
      name: 'delete',
      send: async (who, uid) =>
        (await as(who, 'delete', `${CM}/${uid}/${byType()[uid].documentId}`)).status,
    },
    {
      name: 'bulk delete',
      send: async (who, uid) =>
        (
          await as(who, 'post', `${CM}/${uid}/actions/bulkDelete`).send({
            documentIds: [byType()[uid].documentId],
          })
        ).status,
    },
  ];

  // Before the fix: the Editor and the custom role created, updated, cloned and deleted all four types (2xx).
  it.each(
    CONFIGURATION_TYPES.flatMap((uid) =>
      writePaths.map((path) => [`${path.name} ${uid}`, uid, path] as const)
    )
  )(
    'Content Manager %s: refused without plugin::llm.settings.manage, and nothing changes',
    async (_name, uid, path) => {
      const before = await fingerprint(uid);
      for (const who of UNPRIVILEGED) {
        const status = await path.send(who, uid);
        expect([who, status]).toEqual([who, 403]);
      }
      expect(await fingerprint(uid)).toBe(before);
    }
  );

  // Before the fix the custom role could also forge, edit and delete ledger rows through the Content Manager's permission (the lifecycles refused, with 400).
  it('the usage ledger: every Content Manager write path is refused for every role, super admin included, and nothing changes', async () => {
    const row = (await app.strapi.db.query(USAGE as any).findMany({ limit: 1 }))[0];
    const before = await fingerprint(USAGE);
    const forged = { requestId: 'forged', service: 'chat', priceSource: 'none', success: true };
    for (const who of [...UNPRIVILEGED, 'superAdmin'] as const) {
      const statuses = [
        (await as(who, 'post', `${CM}/${USAGE}`).send(forged)).status,
        (await as(who, 'put', `${CM}/${USAGE}/${row.documentId}`).send({ costNano: '0' })).status,
        (await as(who, 'post', `${CM}/${USAGE}/clone/${row.documentId}`).send(forged)).status,
        (await as(who, 'delete', `${CM}/${USAGE}/${row.documentId}`)).status,
        (
          await as(who, 'post', `${CM}/${USAGE}/actions/bulkDelete`).send({
            documentIds: [row.documentId],
          })
        ).status,
      ];
      expect([who, statuses]).toEqual([who, [403, 403, 403, 403, 403]]);
    }
    expect(await fingerprint(USAGE)).toBe(before);
  });

  it('the response cache fields: only plugin::llm.settings.manage turns caching on, within the allowed TTL', async () => {
    const path = `${CM}/${CONFIGURATION}/${configuration.documentId}`;
    const stored = async () => {
      const row = await app.strapi.db
        .query(CONFIGURATION as any)
        .findOne({ where: { id: configuration.id } });
      return [Boolean(row.responseCache), row.responseCacheTtlSeconds];
    };
    const before = await stored();
    expect(before[0]).toBe(false);
    // The edit view shows both fields, labelled (configurations and tasks alike).
    for (const uid of [CONFIGURATION, TASK]) {
      const view = (
        await as('superAdmin', 'get', `/content-manager/content-types/${uid}/configuration`)
      ).body.data.contentType;
      const shown = view.layouts.edit.flat().map((field: { name: string }) => field.name);
      expect(shown).toEqual(expect.arrayContaining(['responseCache', 'responseCacheTtlSeconds']));
      expect(view.metadatas.responseCache.edit.label).toBe('Response cache');
    }
    for (const who of UNPRIVILEGED) {
      const response = await as(who, 'put', path).send({
        responseCache: true,
        responseCacheTtlSeconds: 86_400,
      });
      expect([who, response.status]).toEqual([who, 403]);
    }
    expect(await stored()).toEqual(before);
    // A configurator may, but not past 30 days nor under a second.
    for (const ttl of [0, 2_592_001])
      expect(
        (await as('configurator', 'put', path).send({ responseCacheTtlSeconds: ttl })).status
      ).toBe(400);
    const on = await as('configurator', 'put', path).send({
      responseCache: true,
      responseCacheTtlSeconds: 120,
    });
    expect(on.status).toBe(200);
    expect(await stored()).toEqual([true, 120]);
    const off = await as('configurator', 'put', path).send({
      responseCache: false,
      responseCacheTtlSeconds: before[1],
    });
    expect(off.status).toBe(200);
    expect(await stored()).toEqual(before);
  });

  it('a role with plugin::llm.settings.manage configures through the Content Manager; the super admin too', async () => {
    for (const who of ['configurator', 'superAdmin'] as const) {
      const created = await as(who, 'post', `${CM}/${PROVIDER}`).send(bodies[PROVIDER]());
      expect([who, created.status]).toEqual([who, 201]);
      const documentId = created.body.data.documentId;
      expect(
        (await as(who, 'put', `${CM}/${PROVIDER}/${documentId}`).send({ timeoutMs: 7000 })).status
      ).toBe(200);
      expect((await as(who, 'delete', `${CM}/${PROVIDER}/${documentId}`)).status).toBe(200);
    }
  });

  it('the admin gets read-only permissions for these types without the plugin permission (so it shows no edit actions)', async () => {
    const actionsOf = async (who: Who) => {
      const response = await as(who, 'get', '/admin/users/me/permissions');
      return (response.body.data as Array<{ action: string; subject: string | null }>)
        .filter((p) => p.subject === PROVIDER)
        .map((p) => p.action.split('.').pop())
        .sort();
    };
    expect(await actionsOf('cmUpdater')).toEqual(['read']);
    expect(await actionsOf('editor')).toEqual(['read']);
    expect(await actionsOf('configurator')).toEqual(['create', 'delete', 'read', 'update']);
    // No Content Manager permission reaches the stored key, not even the super admin's.
    for (const who of ['superAdmin', 'configurator', 'editor'] as const) {
      const response = await as(who, 'get', '/admin/users/me/permissions');
      const onProvider = (
        response.body.data as Array<{
          action: string;
          subject: string | null;
          properties: { fields?: string[] };
        }>
      ).filter((p) => p.subject === PROVIDER);
      for (const permission of onProvider) {
        expect([who, permission.action, permission.properties.fields?.includes('apiKey')]).toEqual([
          who,
          permission.action,
          false,
        ]);
        expect(permission.properties.fields).toContain('baseURL');
      }
    }
  });

  it('the write guard holds beyond the Content Manager: any admin request without the permission, and the content API', async () => {
    // As another plugin's admin route would: the Document Service called inside the editor's request.
    const editor = await app.strapi.db
      .query('admin::user')
      .findOne({ where: { id: users.editor!.id }, populate: ['roles'] });
    const userAbility =
      await app.strapi.admin!.services.permission.engine.generateUserAbility(editor);
    const asRequest = (state: object, fn: () => Promise<unknown>) =>
      app.strapi.requestContext.run({ state } as any, fn as () => Promise<void>);
    const before = await count(PROVIDER);
    await expect(
      asRequest({ user: editor, userAbility, auth: { strategy: { name: 'admin' } } }, () =>
        app.strapi.documents(PROVIDER as any).create({ data: bodies[PROVIDER]() as any })
      )
    ).rejects.toThrow(/settings\.manage/);
    await expect(
      asRequest({ auth: { strategy: { name: 'content-api-token' } } }, () =>
        app.strapi.db
          .query(MODEL as any)
          .update({ where: { id: model.id }, data: { priceInput: '0' } })
      )
    ).rejects.toThrow(/settings\.manage/);
    await expect(
      asRequest({}, () => app.strapi.documents(TASK as any).delete({ documentId: task.documentId }))
    ).rejects.toThrow(/settings\.manage/);
    expect(await count(PROVIDER)).toBe(before);
    expect(
      (await app.strapi.db.query(MODEL as any).findOne({ where: { id: model.id } })).priceInput
    ).toBe('1');
    // Server code outside any request (bootstrap, scripts, the seed command) is the app's own.
    const made = await app.strapi
      .documents(PROVIDER as any)
      .create({ data: bodies[PROVIDER]() as any });
    await app.strapi.documents(PROVIDER as any).delete({ documentId: made.documentId });
  });

  // Before the fix: the Editor read every user's usage rows (200).
  it('the usage ledger is readable in the Content Manager only with plugin::llm.analytics.read, and writable by nobody', async () => {
    for (const who of ['author', 'editor', 'cmUpdater'] as const) {
      const response = await as(who, 'get', `${CM}/${USAGE}`);
      expect([who, response.status]).toEqual([who, 403]);
      expect(response.text).not.toContain('recorded');
    }
    const readers = await roleWith('Usage readers', [
      ...cmPermissions(['read'], [USAGE]),
      { action: 'plugin::llm.analytics.read', subject: null, properties: {}, conditions: [] },
    ]);
    const listed = await app.request
      .get(`${CM}/${USAGE}`)
      .set('Authorization', `Bearer ${readers.token}`);
    expect(listed.status).toBe(200);
    expect(listed.body.results.length).toBeGreaterThan(0);
    const row = listed.body.results[0];
    expect(
      (await as('superAdmin', 'put', `${CM}/${USAGE}/${row.documentId}`).send({ costNano: '0' }))
        .status
    ).toBeGreaterThanOrEqual(400);
    expect(
      (await as('superAdmin', 'delete', `${CM}/${USAGE}/${row.documentId}`)).status
    ).toBeGreaterThanOrEqual(400);
    expect(await count(USAGE)).toBeGreaterThan(0);
  });

  it('the rollups and daily combinations are unreadable without analytics.read and refuse every write but the gateway’s', async () => {
    for (const uid of ['plugin::llm.usage-rollup', 'plugin::llm.usage-cube']) {
      for (const who of ['author', 'editor', 'superAdmin'] as const) {
        // A super admin may read anything; roles without analytics.read may not.
        if (who !== 'superAdmin') {
          const listed = await as(who, 'get', `${CM}/${uid}`);
          expect([uid, who, listed.status >= 400]).toEqual([uid, who, true]);
        }
        const created = await as(who, 'post', `${CM}/${uid}`).send({ day: '2026-01-01' });
        expect([uid, who, created.status >= 400]).toEqual([uid, who, true]);
      }
      const before = await count(uid);
      await expect(
        app.strapi.db.query(uid as any).create({ data: { day: '2026-01-01' } })
      ).rejects.toThrow(/written by the gateway only/);
      await expect(app.strapi.db.query(uid as any).deleteMany({})).rejects.toThrow(
        /written by the gateway only/
      );
      expect(await count(uid)).toBe(before);
    }
  });

  // Before the fix: apiKey "enc:v1:…" came back to every reader, and filters on it answered.
  it('the stored key is never returned, to any role, in any shape', async () => {
    expect(await storedApiKey(app.strapi, provider.id)).toMatch(/^enc:v1:/);
    // The query engine withholds it too (the relation pickers read through it).
    expect(
      (await app.strapi.db.query(PROVIDER as any).findOne({ where: { id: provider.id } })).apiKey
    ).toBeUndefined();
    const texts: string[] = [];
    for (const who of ['editor', 'superAdmin'] as const) {
      texts.push((await as(who, 'get', `${CM}/${PROVIDER}`)).text);
      texts.push((await as(who, 'get', `${CM}/${PROVIDER}/${provider.documentId}`)).text);
      texts.push(
        (await as(who, 'get', `/content-manager/relations/${MODEL}/${model.documentId}/provider`))
          .text
      );
    }
    texts.push(
      JSON.stringify(
        await app.strapi.documents(PROVIDER as any).findOne({ documentId: provider.documentId })
      )
    );
    texts.push(
      JSON.stringify(
        await app.strapi.documents(MODEL as any).findMany({ populate: { provider: true } })
      )
    );
    texts.push(
      JSON.stringify(
        await app.strapi
          .documents(CONFIGURATION as any)
          .findMany({ populate: { model: { populate: ['provider'] } } })
      )
    );
    for (const text of texts) {
      expect(text).not.toContain('enc:v1:');
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toMatch(/"apiKey"/);
    }
    expect(texts[1]).toContain(provider.documentId);
  });

  it('the key cannot be made a relation label: the Content Manager never reaches the field', async () => {
    const path = `/content-manager/content-types/${MODEL}/configuration`;
    const { contentType } = (await as('superAdmin', 'get', path)).body.data;
    contentType.metadatas.provider.edit.mainField = 'apiKey';
    // Not a field the Content Manager offers (hidden, and outside every permission's fields).
    const saved = await as('superAdmin', 'put', path).send({
      settings: contentType.settings,
      metadatas: contentType.metadatas,
      layouts: contentType.layouts,
    });
    expect(saved.status).toBe(400);
    expect(saved.text).toMatch(/mainField/);
    const texts = [
      (
        await as(
          'superAdmin',
          'get',
          `/content-manager/relations/${MODEL}/${model.documentId}/provider`
        )
      ).text,
      (await as('superAdmin', 'get', `/content-manager/relations/${MODEL}/provider?_q=enc`)).text,
      (await as('superAdmin', 'get', `/content-manager/relations/${MODEL}/provider`)).text,
    ];
    for (const text of texts) expect(text).not.toContain('enc:v1:');
    expect(texts[2]).toContain(provider.documentId);
  });

  // Found by a review as an attacker: the relation picker queries the target with the caller's own fields, filters and sort, past the Document Service.
  it("the Content Manager's relation picker never hands out the key, nor filters or sorts on it", async () => {
    const modelReader = await roleWith('Model readers', cmPermissions(['read'], [MODEL]));
    const picker = `/content-manager/relations/${MODEL}/provider`;
    for (const token of [modelReader.token, tokens.editor!, tokens.superAdmin!]) {
      const listed = await app.request
        .get(`${picker}?fields[0]=name&fields[1]=apiKey`)
        .set('Authorization', `Bearer ${token}`);
      expect(listed.text).not.toContain('enc:v1:');
      for (const probe of ['filters[apiKey][$startsWith]=enc:v1:', 'sort=apiKey:asc']) {
        const response = await app.request
          .get(`${picker}?${probe}`)
          .set('Authorization', `Bearer ${token}`);
        expect([probe, response.status]).toEqual([probe, 400]);
      }
    }
  });

  it('no query may filter or sort on the stored key, however it is nested', async () => {
    const probes = [
      `${CM}/${PROVIDER}?filters[apiKey][$startsWith]=enc`,
      `${CM}/${PROVIDER}?filters[$or][0][apiKey][$null]=false`,
      `${CM}/${PROVIDER}?sort=apiKey:asc`,
      `${CM}/${MODEL}?filters[provider][apiKey][$startsWith]=enc`,
    ];
    for (const probe of probes) {
      const response = await as('superAdmin', 'get', probe);
      expect([probe, response.status]).toEqual([probe, 400]);
    }
    await expect(
      app.strapi
        .documents(CONFIGURATION as any)
        .findMany({ filters: { model: { provider: { apiKey: { $startsWith: 'enc' } } } } as any })
    ).rejects.toThrow(/stored secret/);
    await expect(
      app.strapi
        .documents(MODEL as any)
        .findMany({ populate: { provider: { filters: { apiKey: { $null: false } } } } as any })
    ).rejects.toThrow(/stored secret/);
    // Ordinary filters still work.
    expect(
      (
        await as(
          'superAdmin',
          'get',
          `${CM}/${PROVIDER}?filters[name][$eq]=${encodeURIComponent(provider.name)}`
        )
      ).body.results
    ).toHaveLength(1);
  });

  it('the key is write-only: readers see whether one is set, only configurators replace or remove it', async () => {
    const credentials = await as(
      'editor',
      'get',
      `/llm/providers/${provider.documentId}/credentials`
    );
    expect(credentials.status).toBe(200);
    expect(credentials.body.data).toEqual({
      apiKeyStored: true,
      apiKeyEnv: null,
      apiKeyEnvAllowed: null,
      apiKeyEnvSet: null,
      mayManage: false,
    });
    expect(
      (await app.request.get(`/llm/providers/${provider.documentId}/credentials`)).status
    ).toBe(401);
    // An Author reads only providers they created (the Content Manager's condition), here none.
    expect(
      (await as('author', 'get', `/llm/providers/${provider.documentId}/credentials`)).status
    ).toBe(403);
    for (const who of UNPRIVILEGED)
      expect([
        who,
        (
          await as(who, 'put', `/llm/providers/${provider.documentId}/api-key`).send({
            apiKey: 'sk-attacker',
          })
        ).status,
      ]).toEqual([who, 403]);

    const replaced = await as(
      'configurator',
      'put',
      `/llm/providers/${provider.documentId}/api-key`
    ).send({ apiKey: 'sk-replaced-0001' });
    expect(replaced.status).toBe(200);
    expect(replaced.body.data).toMatchObject({ apiKeyStored: true, mayManage: true });
    expect(replaced.text).not.toContain('sk-replaced-0001');
    await llm(app.strapi).chat({ model: model.id, prompt: 'with the new key', user: null });
    expect(stub.requests.at(-1)!.headers.authorization).toBe('Bearer sk-replaced-0001');

    expect(
      (
        await as('configurator', 'put', `/llm/providers/${provider.documentId}/api-key`).send({
          apiKey: 'has spaces',
        })
      ).status
    ).toBe(400);
    expect(
      (
        await as('configurator', 'put', `/llm/providers/${provider.documentId}/api-key`).send({
          apiKey: 42,
        })
      ).status
    ).toBe(400);
    expect(
      (await as('configurator', 'put', '/llm/providers/nope/api-key').send({ apiKey: 'sk-x' }))
        .status
    ).toBe(404);

    // Saving the edit form (which never holds the key) leaves it alone.
    expect(
      (
        await as('superAdmin', 'put', `${CM}/${PROVIDER}/${provider.documentId}`).send({
          timeoutMs: 6000,
        })
      ).status
    ).toBe(200);
    expect(
      (await as('editor', 'get', `/llm/providers/${provider.documentId}/credentials`)).body.data
        .apiKeyStored
    ).toBe(true);
    const removed = await as(
      'superAdmin',
      'put',
      `/llm/providers/${provider.documentId}/api-key`
    ).send({ apiKey: null });
    expect(removed.body.data.apiKeyStored).toBe(false);
    await as('superAdmin', 'put', `/llm/providers/${provider.documentId}/api-key`).send({
      apiKey: SECRET_KEY,
    });
  });

  // Issue 19: the allow-lists decide who may call what, so no role without the plugin permission may write them.
  it('access rules: no Content Manager path, admin route or Document Service write without settings.manage', async () => {
    const RULE = 'plugin::llm.access-rule';
    const editorRole = await app.strapi.db
      .query('admin::role')
      .findOne({ where: { code: 'strapi-editor' } });
    const rule = await app.strapi
      .plugin('llm')
      .service('access')
      .put('role', editorRole.id, { configurations: [configuration.id], capabilities: ['chat'] });
    const stored = await app.strapi.db
      .query(RULE as any)
      .findOne({ where: { subjectId: rule.subjectId } });
    const before = await fingerprint(RULE);
    const widen = {
      subjectKind: 'role',
      subjectId: editorRole.id,
      configurations: null,
      capabilities: null,
    };
    for (const who of UNPRIVILEGED) {
      const statuses = [
        (await as(who, 'get', `${CM}/${RULE}`)).status,
        (await as(who, 'post', `${CM}/${RULE}`).send(widen)).status,
        (await as(who, 'put', `${CM}/${RULE}/${stored.documentId}`).send(widen)).status,
        (await as(who, 'delete', `${CM}/${RULE}/${stored.documentId}`)).status,
        (await as(who, 'put', `/llm/access-rules/role/${editorRole.id}`).send(widen)).status,
        (await as(who, 'delete', `/llm/access-rules/role/${editorRole.id}`)).status,
      ];
      expect([who, statuses]).toEqual([who, [403, 403, 403, 403, 403, 403]]);
    }
    // Another plugin's route calling the query engine inside the editor's request is refused too.
    const editor = await app.strapi.db
      .query('admin::user')
      .findOne({ where: { id: users.editor!.id }, populate: ['roles'] });
    const userAbility =
      await app.strapi.admin!.services.permission.engine.generateUserAbility(editor);
    await expect(
      app.strapi.requestContext.run(
        { state: { user: editor, userAbility, auth: { strategy: { name: 'admin' } } } } as any,
        (() =>
          app.strapi.db
            .query(RULE as any)
            .update({ where: { id: stored.id }, data: { configurations: null } })) as any
      )
    ).rejects.toThrow(/settings\.manage/);
    expect(await fingerprint(RULE)).toBe(before);
    // The configurator may.
    expect(
      (await as('configurator', 'delete', `/llm/access-rules/role/${editorRole.id}`)).status
    ).toBe(200);
    expect(await count(RULE)).toBe(0);
  });
});
