import { randomBytes } from 'node:crypto';
import { UID } from '../../server/src/content-types/schemas';
import { entryAccess } from '../../server/src/entries/access';
import { adminToken, createAdminUser, login, type AdminCredentials } from '../support/admin';
import { currentClient } from '../support/database';
import { createConfiguration, createModel, createProvider, createTask } from '../support/fixtures';
import { setupStrapiFixture } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const ARTICLE = 'api::article.article';
const READ = 'plugin::content-manager.explorer.read';
const OWN_ENTRIES_ONLY = ['admin::is-creator'];
const NO_SUCH_DOCUMENT = 'nosuchdocument0000000000';

/**
 * Issue #13, finding 1 and part of finding 6: the estimate route and the usage columns answered
 * about entries the caller may not read — another admin's reset token through `createdBy`,
 * other authors' field contents through filters, their document ids through perEntry and errors,
 * and the usage figures of records an "own entries only" condition hides.
 */
describe(`estimate filters and usage columns reveal nothing the caller may not read (${currentClient()})`, () => {
  const app = setupStrapiFixture();
  let superToken: string;
  let writerToken: string;
  let editorToken: string;
  let writer: AdminCredentials;
  let victim: { id: number };
  let task: any;
  let own: any;
  let theirs: any;
  let theirsWithoutBody: any;
  let ownModel: any;
  let theirModel: any;
  let configuration: any;

  const setCreator = (uid: string, id: number, userId: number) =>
    app.strapi.db.query(uid as any).update({ where: { id }, data: { createdBy: userId } });
  const article = async (title: string, body: string | null, creator: { id: number }) => {
    const created = (await app.strapi
      .documents(ARTICLE as any)
      .create({ data: { title, body } as any })) as any;
    await setCreator(ARTICLE, created.id, creator.id);
    return created;
  };

  beforeAll(async () => {
    ({ token: superToken } = await adminToken(app.strapi, app.request));
    ({ token: editorToken } = await adminToken(app.strapi, app.request, ['strapi-editor']));
    victim = await createAdminUser(app.strapi, ['strapi-super-admin']);

    // An Author-style writer: runs tasks, reads only the articles and models they created, and of
    // an article only its title.
    const role = await app.strapi
      .service('admin::role')
      .create({ name: `Own-entry writers ${Date.now()}`, description: 'own entries only' });
    await app.strapi.service('admin::role').assignPermissions(role.id, [
      { action: 'plugin::llm.tasks.run', subject: null, properties: {}, conditions: [] },
      {
        action: READ,
        subject: ARTICLE,
        properties: { fields: ['title'] },
        conditions: OWN_ENTRIES_ONLY,
      },
      {
        action: READ,
        subject: UID.model,
        properties: { fields: ['displayName', 'modelId'] },
        conditions: OWN_ENTRIES_ONLY,
      },
    ]);
    writer = await createAdminUser(app.strapi, [role.id]);
    writerToken = await login(app.request, writer);

    const provider = await createProvider(app.strapi, {
      adapter: 'openai',
      baseURL: 'http://127.0.0.1:9/v1',
    });
    theirModel = await createModel(app.strapi, provider, {
      modelId: 'their-model',
      priceInput: '1',
      priceOutput: '2',
    });
    ownModel = await createModel(app.strapi, provider, {
      modelId: 'own-model',
      priceInput: '1',
      priceOutput: '2',
    });
    await setCreator(UID.model, theirModel.id, victim.id);
    await setCreator(UID.model, ownModel.id, writer.id);
    configuration = await createConfiguration(app.strapi, theirModel, { maxOutputTokens: 100 });
    task = await createTask(app.strapi, configuration, {
      name: 'Summarise',
      promptTemplate: 'Summarise {{title}}',
    });

    own = await article('Mine: a draft', 'my own words', writer);
    theirs = await article('Secret merger plan', 'confidential: we buy the competitor', victim);
    theirsWithoutBody = await article('Their stub', null, victim);

    await writeEvents(app.strapi, 'UTC', [
      {
        occurredAt: new Date(),
        modelId: ownModel.id,
        inputTokens: 10,
        outputTokens: 5,
        costNano: 100n,
      },
      {
        occurredAt: new Date(),
        modelId: theirModel.id,
        inputTokens: 20,
        outputTokens: 7,
        costNano: 300n,
      },
    ]);
  });

  const estimate = (body: Record<string, unknown>, token = writerToken) =>
    app.request
      .post(`/llm/tasks/${task.id}/estimate`)
      .set('Authorization', `Bearer ${token}`)
      .send({ contentType: ARTICLE, ...body });
  const columns = (ids: number[], token: string) =>
    app.request
      .get(`/llm/usage-columns/model?ids=${ids.join(',')}`)
      .set('Authorization', `Bearer ${token}`);

  describe('filters', () => {
    it("cannot read another admin's password reset token one character at a time", async () => {
      const resetToken = randomBytes(20).toString('hex');
      await app.strapi.db
        .query('admin::user')
        .update({ where: { id: victim.id }, data: { resetPasswordToken: resetToken } });
      const wrongFirst = resetToken[0] === 'a' ? 'b' : 'a';
      const probe = (prefix: string) =>
        estimate({ filters: { createdBy: { resetPasswordToken: { $startsWith: prefix } } } });

      const [right, wrong] = [await probe(resetToken[0]), await probe(wrongFirst)];
      // Before the fix: 200 with entries 2 for the right character, 0 for the wrong one.
      expect([right.status, wrong.status]).toEqual([400, 400]);
      expect(right.body).toEqual(wrong.body);
      expect(right.body.error.message).toMatch(/createdBy/);
    });

    it.each([
      [
        'a reset token through updatedBy',
        { updatedBy: { resetPasswordToken: { $null: false } } },
        'updatedBy',
      ],
      ['an admin password', { createdBy: { password: { $startsWith: '$2' } } }, 'createdBy'],
      [
        'an admin e-mail, though the Content Manager lets it through',
        { createdBy: { email: { $startsWith: 'user' } } },
        'createdBy',
      ],
      [
        "the token's column name (the Content Manager's sanitiser keeps it; the Document Service refuses it)",
        { createdBy: { reset_password_token: { $startsWith: 'a' } } },
        'createdBy',
      ],
      ['an admin id', { createdBy: { id: 1 } }, 'createdBy'],
      [
        'admin roles inside $or',
        {
          $or: [
            { title: { $eq: 'x' } },
            { createdBy: { roles: { code: { $eq: 'strapi-super-admin' } } } },
          ],
        },
        'createdBy',
      ],
      [
        'an admin token inside $not',
        { $not: { createdBy: { resetPasswordToken: { $null: true } } } },
        'createdBy',
      ],
    ])('refuses a filter on %s with a 400 naming the path', async (_what, filters, path) => {
      for (const token of [writerToken, superToken]) {
        const res = await estimate({ filters }, token);
        expect([res.status, res.body.error?.message]).toEqual([400, expect.stringContaining(path)]);
      }
    });

    it('refuses a field the role may not read, rather than dropping it and widening the selection', async () => {
      const res = await estimate({
        filters: { updatedAt: { $gt: '2000-01-01' }, body: { $contains: 'my own' } },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/body/);
    });

    it("counts only the caller's own entries: other authors' field contents stay hidden", async () => {
      const secret = await estimate({ filters: { title: { $contains: 'merger' } } });
      expect(secret.status).toBe(200);
      expect(secret.body.data).toMatchObject({ entries: 0, calls: 0, perEntry: [] });

      const either = await estimate({
        filters: { $or: [{ title: { $contains: 'Secret' } }, { title: { $startsWith: 'Mine' } }] },
      });
      expect(either.status).toBe(200);
      expect(either.body.data.entries).toBe(1);
      expect(either.body.data.perEntry).toEqual([
        expect.objectContaining({ documentId: own.documentId }),
      ]);

      const everything = await estimate({ filters: {} });
      expect(everything.body.data.perEntry.map((p: any) => p.documentId)).toEqual([own.documentId]);
    });

    it('still lets a super admin select by field contents, across authors', async () => {
      const res = await estimate({ filters: { title: { $contains: 'merger' } } }, superToken);
      expect(res.status).toBe(200);
      expect(res.body.data.perEntry).toEqual([
        expect.objectContaining({ documentId: theirs.documentId }),
      ]);
    });
  });

  describe('documentIds', () => {
    it("answers for another author's entry exactly as for an id that does not exist", async () => {
      for (const entry of [theirs, theirsWithoutBody]) {
        const [named, missing] = [
          await estimate({ documentIds: [entry.documentId] }),
          await estimate({ documentIds: [NO_SUCH_DOCUMENT] }),
        ];
        // Before the fix: 200 with entries 1 (or a 400 "Entry <id>: Missing task variable(s): body") against entries 0.
        expect([named.status, named.body]).toEqual([missing.status, missing.body]);
        expect([named.status, named.body.data?.entries]).toEqual([200, 0]);
        expect(named.text).not.toContain(entry.documentId);
      }
    });

    it("estimates the caller's own entries among others, and names only those", async () => {
      const res = await estimate({
        documentIds: [own.documentId, theirs.documentId, theirsWithoutBody.documentId],
      });
      expect(res.status).toBe(200);
      expect(res.body.data.entries).toBe(1);
      expect(res.body.data.perEntry.map((p: any) => p.documentId)).toEqual([own.documentId]);
      expect(res.text).not.toContain(theirs.documentId);
      expect(res.text).not.toContain(theirsWithoutBody.documentId);
    });

    it('uses only the fields the caller may read: a field their role does not list is a missing variable, never prompt text', async () => {
      const bodyTask = await createTask(app.strapi, configuration, {
        promptTemplate: 'Quote {{body}}',
      });
      const res = await app.request
        .post(`/llm/tasks/${bodyTask.id}/estimate`)
        .set('Authorization', `Bearer ${writerToken}`)
        .send({ contentType: ARTICLE, documentIds: [own.documentId] });
      // Before the fix: 200, the prompt built from the body the writer may not read (its length in perEntry.inputTokens).
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Missing task variable\(s\): body/);
    });
  });

  // The playground's article has no relations, so the walk behind a relation is exercised on the
  // plugin's own types (configuration → model → provider), straight through the module.
  describe('filters through relations', () => {
    const abilityOf = async (user: { id: number }) => {
      const stored = await app.strapi.db
        .query('admin::user')
        .findOne({ where: { id: user.id }, populate: ['roles'] });
      return app.strapi.service('admin::permission').engine.generateUserAbility(stored);
    };
    let reader: unknown;
    let superAdmin: unknown;

    beforeAll(async () => {
      // Reads configurations (name and model), models only under a condition, providers not at all.
      const role = await app.strapi
        .service('admin::role')
        .create({ name: `Configuration readers ${Date.now()}`, description: 'relations' });
      await app.strapi.service('admin::role').assignPermissions(role.id, [
        {
          action: READ,
          subject: UID.configuration,
          properties: { fields: ['name', 'model'] },
          conditions: [],
        },
        {
          action: READ,
          subject: UID.model,
          properties: { fields: ['displayName', 'provider'] },
          conditions: OWN_ENTRIES_ONLY,
        },
      ]);
      reader = await abilityOf(await createAdminUser(app.strapi, [role.id]));
      superAdmin = await abilityOf(victim);
    });

    const scope = (
      ability: unknown,
      filters: Record<string, unknown>,
      uid: string = UID.configuration
    ) => entryAccess(app.strapi, ability, uid).scopeFilters(filters);
    /** The caller's part of scoped filters (the role's conditions are joined to it with $and). */
    const callersPart = async (ability: unknown, filters: Record<string, unknown>) => {
      const scoped = await scope(ability, filters);
      return Array.isArray(scoped.$and) ? scoped.$and[0] : scoped;
    };

    it.each([
      [
        "a conditionally readable target's fields",
        { model: { displayName: { $eq: 'their-model' } } },
        'model.displayName',
        'only their id or documentId',
      ],
      [
        'deeper through a conditionally readable target',
        { model: { provider: { name: { $startsWith: 'o' } } } },
        'model.provider',
        'only their id or documentId',
      ],
      [
        'a relation field the role does not list',
        { fallback: { id: 1 } },
        'fallback',
        'may not read this field',
      ],
      [
        'a field the role does not list',
        { $or: [{ name: 'x' }, { systemPrompt: { $contains: 'secret' } }] },
        '$or[1].systemPrompt',
        'may not read this field',
      ],
      [
        'a key that is no field (the database would take it for a column)',
        { model: { provider_id: 1 } },
        'model.provider_id',
        'no such field',
      ],
      [
        'an operand that is no operator map',
        { name: { $eq: { $raw: 'x' } } },
        'name.$eq.$raw',
        'expected an operator',
      ],
    ])('refuses %s, naming the path', async (_what, filters, path, why) => {
      await expect(scope(reader, filters)).rejects.toThrow(
        new RegExp(`"${path.replace(/[$[\].]/g, '\\$&')}": .*${why}`)
      );
    });

    it('lets a conditional reader name related entries by id, and a super admin filter through them, but never on a private field', async () => {
      await expect(callersPart(reader, { model: { id: { $in: [ownModel.id] } } })).resolves.toEqual(
        { model: { id: { $in: [ownModel.id] } } }
      );
      await expect(
        callersPart(superAdmin, { model: { provider: { name: { $startsWith: 'o' } } } })
      ).resolves.toEqual({ model: { provider: { name: { $startsWith: 'o' } } } });
      await expect(
        scope(superAdmin, { model: { provider: { apiKey: { $startsWith: 'sk-' } } } })
      ).rejects.toThrow(/"model\.provider\.apiKey": private fields/);
    });

    it("joins the role's conditions to the caller's filters", async () => {
      const scoped = await scope(await abilityOf(writer), { title: { $startsWith: 'M' } }, ARTICLE);
      expect(scoped).toEqual({ $and: [{ title: { $startsWith: 'M' } }, expect.anything()] });
      expect(JSON.stringify(scoped.$and)).toContain(String(writer.id));
    });
  });

  describe('usage columns', () => {
    it("give an own-entries reader no figures for someone else's model, and figures for their own", async () => {
      const res = await columns([ownModel.id, theirModel.id], writerToken);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.data)).toEqual([String(ownModel.id)]);
      expect(res.body.data[ownModel.id]).toMatchObject({ requests: 1, costUsd: '0.0000001' });
      // Asking only for the hidden one looks like a model without usage.
      const hidden = await columns([theirModel.id], writerToken);
      expect([hidden.status, hidden.body.data]).toEqual([200, {}]);
    });

    it('give a reader without conditions the figures of every model', async () => {
      const res = await columns([ownModel.id, theirModel.id], editorToken);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.data).sort()).toEqual(
        [String(ownModel.id), String(theirModel.id)].sort()
      );
    });
  });
});
