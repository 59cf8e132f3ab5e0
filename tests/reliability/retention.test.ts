import { adminToken } from '../support/admin';
import { currentClient } from '../support/database';
import { usageRows } from '../support/fixtures';
import { setupStrapiFixture } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const DAY = 86_400_000;

describe(`raw-event retention: old events pruned in batches, every range still right (${currentClient()})`, () => {
  const app = setupStrapiFixture();
  let token: string;

  beforeAll(async () => {
    ({ token } = await adminToken(app.strapi, app.request));
  });

  it('has a cron job, and refuses a retention shorter than the hourly range reads', async () => {
    expect((app.strapi.cron.jobs as Array<{ name?: string }>).map((job) => job.name)).toContain(
      'llmUsageRetention'
    );
    const config = (await import('../../server/src/config')).default;
    expect(() => config.validator({ retention: { rawDays: 1 } } as any)).toThrow(/rawDays/);
    expect(config.default().retention.rawDays).toBe(400);
  });

  it('prunes raw events older than retention.rawDays, keeps the rollups, and every Analytics range reads the same', async () => {
    const now = Date.now();
    // A year and a half of usage, a few events a day, several users and services.
    const events = [];
    for (let d = 0; d < 550; d += 3) {
      for (let k = 0; k < 3; k += 1) {
        events.push({
          occurredAt: new Date(now - d * DAY - k * 3_600_000),
          userId: k === 0 ? null : k,
          service: k === 2 ? 'embedding' : 'chat',
          inputTokens: 100 + d,
          outputTokens: k === 2 ? 0 : 10 + k,
          costNano: BigInt(1_000 + d * 7 + k),
        });
      }
    }
    await writeEvents(app.strapi, 'UTC', events as any);
    const ranges = ['1d', '7d', '30d', '90d', 'month', '365d'];
    const read = async () => {
      const docs: Record<string, unknown> = {};
      for (const range of ranges)
        docs[range] = (
          await app.request
            .get(`/llm/analytics?range=${range}`)
            .set('Authorization', `Bearer ${token}`)
        ).body.data;
      return docs;
    };
    const before = await read();
    const rollupsBefore = await app.strapi.db.query('plugin::llm.usage-rollup').count({});

    const retention = app.strapi.config.get('plugin::llm.retention') as
      Record<string, unknown> | undefined;
    app.strapi.config.set('plugin::llm.retention', { rawDays: 30, batchSize: 7 });
    try {
      const pruned = await app.strapi.plugin('llm').service('usage').prune(new Date(now));
      const kept = await usageRows(app.strapi, {});
      expect(pruned).toBe(events.filter((e) => e.occurredAt.getTime() < now - 30 * DAY).length);
      expect(kept).toHaveLength(events.length - pruned);
      expect(kept.every((r) => new Date(r.occurredAt).getTime() >= now - 30 * DAY)).toBe(true);
      expect(await app.strapi.db.query('plugin::llm.usage-rollup').count({})).toBe(rollupsBefore);
      // A second run finds nothing more to prune.
      expect(await app.strapi.plugin('llm').service('usage').prune(new Date(now))).toBe(0);
    } finally {
      app.strapi.config.set('plugin::llm.retention', retention);
    }
    expect(await read()).toEqual(before);
  });
});
