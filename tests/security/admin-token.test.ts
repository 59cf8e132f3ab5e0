import { adminToken } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createTask,
  flushUsage,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';

/**
 * Strapi 5.54's admin tokens authenticate admin routes for their owner (strategy `admin-token`).
 * A call made with one is the owner's: their roles' allow-lists, their rate limits and budgets
 * apply, and the usage is theirs. Before the fix it counted for nobody.
 */
describe(`an admin token acts for its owner (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture();

  it("runs a task as the token's owner: the usage row is the owner's", async () => {
    const { user, token } = await adminToken(app.strapi, app.request, ['strapi-super-admin']);
    const created = await app.request
      .post('/admin/admin-tokens')
      .set('Authorization', `Bearer ${token}`)
      .send({
        name: 'automation',
        lifespan: null,
        adminPermissions: [{ action: 'plugin::llm.tasks.run' }],
      });
    expect(created.status).toBe(201);
    const { configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'by-admin-token' },
    });
    const task = await createTask(app.strapi, configuration, { promptTemplate: 'Say {{x}}' });
    const run = await app.request
      .post(`/llm/tasks/${task.id}/run`)
      .set('Authorization', `Bearer ${created.body.data.accessKey}`)
      .send({ variables: { x: 'hello' } });
    expect(run.status).toBe(200);
    await flushUsage(app.strapi);
    const rows = await usageRows(app.strapi, { taskId: task.id });
    expect(rows.map((r) => r.userId)).toEqual([user.id]);
  });
});
