import { configureContentManager } from '../../server/src/content-types/content-manager';
import { adminToken } from '../support/admin';
import { currentClient } from '../support/database';
import { setupStrapiFixture } from '../support/strapi';

const TYPES = [
  'plugin::llm.provider',
  'plugin::llm.model',
  'plugin::llm.configuration',
  'plugin::llm.task',
  'plugin::llm.usage',
];

describe(`the Content Manager shows the plugin's types with human labels, the ledger read-only (${currentClient()})`, () => {
  const app = setupStrapiFixture();
  let token: string;

  beforeAll(async () => {
    ({ token } = await adminToken(app.strapi, app.request));
  });

  const configuration = async (uid: string) => {
    const res = await app.request
      .get(`/content-manager/content-types/${uid}/configuration`)
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body.data.contentType as {
      metadatas: Record<string, { edit: any; list: any }>;
      layouts: { list: string[] };
      settings: Record<string, unknown>;
    };
  };

  it.each(TYPES)('%s: every field has a label that is not its raw name', async (uid) => {
    const { metadatas } = await configuration(uid);
    const names = Object.keys(metadatas);
    expect(names.length).toBeGreaterThan(3);
    // The configuration route always answers documentId's metadata as the Content Manager's own
    // (it is never in a list layout: the list shows it nowhere).
    for (const name of names.filter((n) => n !== 'documentId')) {
      expect({ name, label: metadatas[name].list.label }).not.toEqual({ name, label: name });
      if (Object.keys(metadatas[name].edit).length > 0)
        expect({ name, label: metadatas[name].edit.label }).not.toEqual({ name, label: name });
    }
  });

  it('describes the fields people get wrong, and names money with its unit', async () => {
    const provider = (await configuration('plugin::llm.provider')).metadatas;
    expect(provider.baseURL.list.label).toBe('Base URL');
    expect(provider.baseURL.edit.description).toMatch(/OpenAI-compatible/);
    const model = (await configuration('plugin::llm.model')).metadatas;
    expect(model.displayName.list.label).toBe('Name');
    expect(model.priceImage.edit.label).toBe('Image price (USD per image)');
    const usage = await configuration('plugin::llm.usage');
    expect(usage.metadatas.costNano.list.label).toBe('Cost (nano-USD)');
    expect(usage.metadatas.costNano.edit.description).toMatch(/1,000,000,000 = \$1\.00/);
    expect(usage.layouts.list).toEqual([
      'occurredAt',
      'modelKey',
      'service',
      'success',
      'costNano',
    ]);
  });

  it('makes no field of the usage ledger editable, and gives no one create on it', async () => {
    const { metadatas } = await configuration('plugin::llm.usage');
    for (const [name, meta] of Object.entries(metadatas))
      if (Object.keys(meta.edit).length > 0)
        expect({ name, editable: meta.edit.editable }).toEqual({ name, editable: false });
    const permissions = await app.request
      .get('/admin/users/me/permissions')
      .set('Authorization', `Bearer ${token}`);
    const onLedger = (permissions.body.data as Array<{ action: string; subject: string | null }>)
      .filter((p) => p.subject === 'plugin::llm.usage')
      .map((p) => p.action);
    expect(onLedger).toEqual(['plugin::content-manager.explorer.read']);
  });

  it('keeps what an admin configured: a label and a description they changed survive the next start', async () => {
    const uid = 'plugin::llm.task';
    const current = await configuration(uid);
    const metadatas = structuredClone(current.metadatas);
    // What the admin's "Configure the view" sends: the GET's added list main fields left out.
    for (const meta of Object.values(metadatas)) delete meta.list.mainField;
    metadatas.promptTemplate.edit.label = 'Our prompt';
    metadatas.promptTemplate.list.label = 'Our prompt';
    metadatas.name.edit.description = 'Our own help text';
    // Set back to the raw field name, or a description cleared: the admin's choice too.
    metadatas.service.list.label = 'service';
    metadatas.promptTemplate.edit.description = '';
    const res = await app.request
      .put(`/content-manager/content-types/${uid}/configuration`)
      .set('Authorization', `Bearer ${token}`)
      .send({ settings: current.settings, metadatas, layouts: current.layouts });
    expect(res.status === 200 ? 200 : JSON.stringify(res.body)).toBe(200);

    await configureContentManager(app.strapi);
    const after = (await configuration(uid)).metadatas;
    expect(after.promptTemplate.edit.label).toBe('Our prompt');
    expect(after.promptTemplate.list.label).toBe('Our prompt');
    expect(after.name.edit.description).toBe('Our own help text');
    expect(after.service.list.label).toBe('service');
    expect(after.promptTemplate.edit.description).toBe('');
  });

  it('sorts the ledger newest first, once: an admin who sorts otherwise keeps it', async () => {
    const uid = 'plugin::llm.usage';
    const current = await configuration(uid);
    expect(current.settings).toMatchObject({
      defaultSortBy: 'occurredAt',
      defaultSortOrder: 'DESC',
    });
    const metadatas = structuredClone(current.metadatas);
    for (const meta of Object.values(metadatas)) delete meta.list.mainField;
    const settings = { ...current.settings, defaultSortOrder: 'ASC' };
    const res = await app.request
      .put(`/content-manager/content-types/${uid}/configuration`)
      .set('Authorization', `Bearer ${token}`)
      .send({ settings, metadatas, layouts: current.layouts });
    expect(res.status === 200 ? 200 : JSON.stringify(res.body)).toBe(200);
    await configureContentManager(app.strapi);
    expect((await configuration(uid)).settings.defaultSortOrder).toBe('ASC');
  });
});
