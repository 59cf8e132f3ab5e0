import { adminToken } from '../support/admin';
import { currentClient } from '../support/database';
import { setupStrapiFixture } from '../support/strapi';

describe(`plugin llm loads into a real Strapi (${currentClient()})`, () => {
  const app = setupStrapiFixture();

  it('is registered as a plugin', () => {
    expect(app.strapi.plugin('llm')).toBeDefined();
    expect(app.strapi.plugin('llm').controller('status')).toBeDefined();
  });

  it('runs on the database this run asked for', () => {
    expect(app.strapi.db.dialect.client).toBe(currentClient());
  });

  it('answers 401 to an admin route without a token', async () => {
    const response = await app.request.get('/llm/status');
    expect(response.status).toBe(401);
  });

  it('answers 200 to a super admin with the plugin status', async () => {
    const { token } = await adminToken(app.strapi, app.request);
    const response = await app.request.get('/llm/status').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      plugin: 'llm',
      database: currentClient(),
      timeZone: 'UTC',
    });
  });

  it('registers the analytics permission, which the Editor role does not get by default', async () => {
    const actions = app.strapi
      .admin!.services.permission.actionProvider.values()
      .map((a: { actionId: string }) => a.actionId);
    expect(actions).toContain('plugin::llm.analytics.read');

    const editor = await app.strapi.db
      .query('admin::role')
      .findOne({ where: { code: 'strapi-editor' } });
    const granted = await app.strapi.db.query('admin::permission').count({
      where: { action: 'plugin::llm.analytics.read', role: editor.id },
    });
    expect(granted).toBe(0);
  });
});
