import { adminToken } from '../support/admin';
import { currentClient } from '../support/database';
import { setupStrapiFixture } from '../support/strapi';

/** With no encryption key configured, a key is never stored (in plain text or otherwise). */
describe(`stored keys need an encryption key (${currentClient()})`, () => {
  // The playground's admin config reads ENCRYPTION_KEY; empty means none is configured.
  const app = setupStrapiFixture({ env: { ENCRYPTION_KEY: '' } });
  let token: string;

  beforeAll(async () => {
    ({ token } = await adminToken(app.strapi, app.request, ['strapi-super-admin']));
  });

  it('refuses to store a key with a clear 400, and still takes a key variable', async () => {
    const create = (data: Record<string, unknown>) =>
      app.request
        .post('/content-manager/collection-types/plugin::llm.provider')
        .set('Authorization', `Bearer ${token}`)
        .send({ name: `p ${Math.random()}`, adapter: 'openai', active: true, ...data });
    const refused = await create({ apiKey: 'sk-would-be-stored-in-clear' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/No encryption key is configured/);
    const rows = await app.strapi.db.query('plugin::llm.provider').findMany({});
    expect(JSON.stringify(rows)).not.toContain('sk-would-be-stored-in-clear');
    expect((await create({ apiKeyEnv: 'LLM_SOME_KEY' })).status).toBe(201);
    const provider = (await app.strapi.db.query('plugin::llm.provider').findMany({}))[0];
    const replaced = await app.request
      .put(`/llm/providers/${provider.documentId}/api-key`)
      .set('Authorization', `Bearer ${token}`)
      .send({ apiKey: 'sk-also-refused' });
    expect(replaced.status).toBe(400);
  });
});
