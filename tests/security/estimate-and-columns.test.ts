import { adminToken, createAdminUser, login } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  withConfiguredModel,
} from '../support/fixtures';

/**
 * Finding 1 (critical) and the per-record part of finding 6 of the trust-boundary issue. Before the
 * fix, the estimate route passed the caller's filters to the Document Service as they came: an
 * Author-like role could read an admin's reset token through `createdBy`, probe other authors'
 * text, and see other authors' document ids; list columns showed figures of records the caller's
 * conditions exclude.
 */
const ARTICLE = 'api::article.article';
const MODEL = 'plugin::llm.model';
const CM = '/content-manager/collection-types';

describe(`estimates and list columns show only what the caller may read (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture();
  let attacker: string;
  let editor: string;
  let victimArticle: string;
  let ownArticle: string;
  let task: any;
  let strictTask: any;
  let othersModel: any;
  let resetToken: string;

  beforeAll(async () => {
    const role = await app.strapi
      .service('admin::role')
      .create({ name: `Own articles ${Date.now()}`, description: 'an Author that may run tasks' });
    const own = (action: string, subject: string, fields?: string[]) => ({
      action,
      subject,
      properties: fields ? { fields } : {},
      conditions: ['admin::is-creator'],
    });
    await app.strapi.service('admin::role').assignPermissions(role.id, [
      own('plugin::content-manager.explorer.read', ARTICLE, ['title', 'body']),
      {
        ...own('plugin::content-manager.explorer.create', ARTICLE, ['title', 'body']),
        conditions: [],
      },
      own('plugin::content-manager.explorer.read', MODEL, ['displayName', 'modelId']),
      { action: 'plugin::llm.tasks.run', subject: null, properties: {}, conditions: [] },
    ]);
    const attackerUser = await createAdminUser(app.strapi, [role.id]);
    attacker = await login(app.request, attackerUser);
    editor = (await adminToken(app.strapi, app.request, ['strapi-editor'])).token;

    // The victim: a super admin who asked for a password reset, and wrote an article.
    const victim = await adminToken(app.strapi, app.request, ['strapi-super-admin']);
    resetToken = 'f3a9c1d2e4b5a6978877665544332211aabbccdd';
    await app.strapi.db
      .query('admin::user')
      .update({ where: { id: victim.user.id }, data: { resetPasswordToken: resetToken } });
    const created = await app.request
      .post(`${CM}/${ARTICLE}`)
      .set('Authorization', `Bearer ${victim.token}`)
      .send({ title: 'Merger plans', body: 'zebra-secret acquisition of Initech' });
    victimArticle = created.body.data.documentId;
    const mine = await app.request
      .post(`${CM}/${ARTICLE}`)
      .set('Authorization', `Bearer ${attacker}`)
      .send({ title: 'My note', body: 'nothing to see' });
    expect(mine.status).toBe(201);
    ownArticle = mine.body.data.documentId;

    let configuration: any;
    ({ model: othersModel, configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'others-model', priceInput: '1', priceOutput: '1' },
      configuration: { maxOutputTokens: 100 },
    }));
    task = await createTask(app.strapi, configuration, {
      name: 'Summarise',
      promptTemplate: 'Summarise {{title}}',
    });
    strictTask = await createTask(app.strapi, configuration, {
      name: 'Needs a field nobody has',
      promptTemplate: 'Use {{nonexistent}}',
    });
    await llm(app.strapi).chat({
      model: othersModel.id,
      prompt: 'usage on a model the attacker did not create',
      user: null,
    });
    await flushUsage(app.strapi);
  });

  const estimate = (body: object, taskId = task.id) =>
    app.request
      .post(`/llm/tasks/${taskId}/estimate`)
      .set('Authorization', `Bearer ${attacker}`)
      .send({ contentType: ARTICLE, ...body });

  it('a filter through createdBy (an admin user) is refused: the reset token cannot be read one character at a time', async () => {
    const probe = (prefix: string) =>
      estimate({ filters: { createdBy: { resetPasswordToken: { $startsWith: prefix } } } });
    const right = await probe(resetToken.slice(0, 1));
    const wrong = await probe('0');
    // Before the fix: 200 with entries 1 for the right first character and 0 for a wrong one.
    expect([right.status, wrong.status]).toEqual([400, 400]);
    expect(right.body.error.message).toMatch(/admin users|createdBy/);
    // Nothing differs between the right and a wrong guess.
    expect(right.body).toEqual(wrong.body);
    for (const path of [
      { createdBy: { email: { $eq: 'x' } } },
      { updatedBy: { id: { $eq: 1 } } },
      { createdBy: { id: { $gt: 0 } } },
    ]) {
      expect((await estimate({ filters: path })).status).toBe(400);
    }
  });

  it("another author's text cannot be probed with $contains, and their entries are not counted", async () => {
    const probe = await estimate({ filters: { body: { $contains: 'zebra-secret' } } });
    // Before the fix: entries 1 (the victim's article matched).
    expect(probe.status).toBe(200);
    expect(probe.body.data.entries).toBe(0);
    const all = await estimate({ filters: {} });
    expect(all.body.data.entries).toBe(1);
    expect(all.body.data.perEntry.map((e: any) => e.documentId)).toEqual([ownArticle]);
  });

  it("another author's document id behaves exactly as an id that does not exist", async () => {
    const theirs = await estimate({ documentIds: [victimArticle] });
    const nobody = await estimate({ documentIds: ['doesnotexist0000000000000'] });
    // Before the fix: entries 1 and perEntry listed the victim's id.
    expect(theirs.status).toBe(200);
    expect(theirs.body.data.entries).toBe(0);
    expect(theirs.text).not.toContain(victimArticle);
    expect({ ...theirs.body.data, perEntry: [] }).toEqual({ ...nobody.body.data, perEntry: [] });
    // An error about an entry names only entries the caller may read (before the fix: "Entry <victim's id>: Missing …").
    const failing = await estimate({ documentIds: [victimArticle] }, strictTask.id);
    expect(failing.text).not.toContain(victimArticle);
    const mixed = await estimate({ documentIds: [victimArticle, ownArticle] });
    expect(mixed.body.data.perEntry.map((e: any) => e.documentId)).toEqual([ownArticle]);
  });

  it('filters on fields the caller may not read, or that do not exist, are a 400 naming the path', async () => {
    for (const filters of [
      { nope: { $eq: 1 } },
      { title: { secret: { $eq: 1 } } },
      { createdBy: { $null: false } },
    ]) {
      const response = await estimate({ filters });
      expect([JSON.stringify(filters), response.status]).toEqual([JSON.stringify(filters), 400]);
    }
    expect(
      (
        await estimate({
          filters: { $or: [{ title: { $eq: 'My note' } }, { body: { $contains: 'zebra' } }] },
        })
      ).body.data.entries
    ).toBe(1);
  });

  it("list columns show no figures for records the caller's conditions exclude; an Editor sees them", async () => {
    const mine = await app.request
      .get(`/llm/usage-columns/model?ids=${othersModel.id}`)
      .set('Authorization', `Bearer ${attacker}`);
    // Before the fix: the figures of a model the attacker did not create.
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual({});
    const editors = await app.request
      .get(`/llm/usage-columns/model?ids=${othersModel.id}`)
      .set('Authorization', `Bearer ${editor}`);
    expect(editors.body.data[String(othersModel.id)].requests).toBe(1);
  });
});
