import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SERVICE_TYPES } from '../../shared/services';
import { adminToken } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createModel,
  createStubProvider,
  flushUsage,
  llm,
  rollupRows,
  setupGatewayFixture,
  usageRows,
} from '../support/fixtures';
import { expectRollupsEqualEvents } from '../support/rollups-expected';
import { REPO_ROOT } from '../support/paths';

const NOW = new Date('2026-11-20T15:00:00Z');

describe(`seed-usage: deterministic demo usage that never touches real data (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture();
  const seed = (options: Record<string, unknown> = {}) =>
    app.strapi
      .plugin('llm')
      .service('seed')
      .run({ days: 20, perDay: 60, now: NOW, ...options });
  const fingerprint = (rows: any[]) =>
    rows
      .map((r) =>
        [
          r.requestId,
          new Date(r.occurredAt).toISOString(),
          r.modelKey,
          r.service,
          r.userId,
          r.inputTokens,
          r.outputTokens,
          r.costNano,
          r.success,
        ].join('|')
      )
      .sort()
      .join('\n');

  it('the same seed gives exactly the same rows; rollups equal the events', async () => {
    const first = await seed({ seed: 7 });
    const rowsA = await usageRows(app.strapi, { seeded: true });
    expect(rowsA).toHaveLength(first.events);
    expect(first.events).toBeGreaterThan(500);
    await seed({ seed: 7 });
    const rowsB = await usageRows(app.strapi, { seeded: true });
    expect(fingerprint(rowsB)).toBe(fingerprint(rowsA));
    await seed({ seed: 8 });
    expect(fingerprint(await usageRows(app.strapi, { seeded: true }))).not.toBe(fingerprint(rowsA));

    const events = await expectRollupsEqualEvents(app.strapi, { seeded: true });
    expect(events.length).toBeGreaterThan(100);
  });

  it('covers every service and at least four adapter types, with failures, cache hits and streamed calls', async () => {
    await seed({ seed: 11 });
    const events = await usageRows(app.strapi, { seeded: true });
    expect(new Set(events.map((e) => e.service))).toEqual(new Set(SERVICE_TYPES));
    expect(new Set(events.map((e) => e.adapter)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(events.map((e) => e.modelKey)).size).toBeGreaterThanOrEqual(8);
    expect(events.some((e) => !e.success)).toBe(true);
    expect(events.some((e) => e.cacheReadTokens > 0)).toBe(true);
    expect(events.some((e) => e.streamed)).toBe(true);
    expect(events.some((e) => e.userId === null)).toBe(true);
    const failureRate = events.filter((e) => !e.success).length / events.length;
    expect(failureRate).toBeGreaterThan(0.005);
    expect(failureRate).toBeLessThan(0.05);
  });

  it('never touches real usage or real records; --reset removes only what it made', async () => {
    const realProvider = await createStubProvider(app.strapi, stub, { name: 'Real OpenAI' });
    const realModel = await createModel(app.strapi, realProvider, {
      modelId: 'gpt-4o-mini',
      displayName: 'Real model',
      priceInput: '1',
      priceOutput: '1',
    });
    const real = await llm(app.strapi).chat({ model: realModel.id, prompt: 'real call' });
    await flushUsage(app.strapi);
    const realRollups = await rollupRows(app.strapi, { seeded: false });

    await seed({ seed: 3 });
    await seed({ seed: 4 });
    await seed({ reset: true });

    expect(await usageRows(app.strapi, { seeded: true })).toHaveLength(0);
    const [row] = await usageRows(app.strapi, { requestId: real.usage.requestId });
    expect(row).toMatchObject({ seeded: false, modelId: realModel.id });
    expect(await rollupRows(app.strapi, { seeded: false })).toEqual(realRollups);
    expect(
      await app.strapi.db.query('plugin::llm.provider').findOne({ where: { id: realProvider.id } })
    ).toMatchObject({ name: 'Real OpenAI' });
    expect(
      await app.strapi.db.query('plugin::llm.model').findOne({ where: { id: realModel.id } })
    ).toMatchObject({ displayName: 'Real model' });
    expect(
      await app.strapi.db
        .query('plugin::llm.provider')
        .count({ where: { name: { $endsWith: '(demo)' } } })
    ).toBe(0);
    expect(
      await app.strapi.db
        .query('admin::user')
        .count({ where: { email: { $endsWith: '@demo.invalid' } } })
    ).toBe(0);
  });

  it('gives the demo users budget bars on the Analytics page', async () => {
    await seed({ seed: 5, now: new Date() });
    const { token } = await adminToken(app.strapi, app.request);
    const doc = (
      await app.request.get('/llm/analytics?range=30d').set('Authorization', `Bearer ${token}`)
    ).body.data;
    const withBars = doc.users.filter((u: any) => u.budget !== null);
    expect(withBars.map((u: any) => u.email).sort()).toEqual([
      'lena.author@demo.invalid',
      'maya.editor@demo.invalid',
      'noah.editor@demo.invalid',
    ]);
    expect(doc.users.some((u: any) => u.name === 'system')).toBe(true);
  });

  it('refuses in production unless forced, and says so', async () => {
    process.env.NODE_ENV = 'production';
    try {
      await expect(seed()).rejects.toThrow(/NODE_ENV=production/);
    } finally {
      process.env.NODE_ENV = 'test';
    }
    const cli = spawnSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'bin/strapi-llm.js'),
        'seed-usage',
        '--app',
        path.join(REPO_ROOT, 'playground'),
      ],
      {
        env: { ...process.env, NODE_ENV: 'production' },
        encoding: 'utf8',
      }
    );
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toContain('refusing to seed demo usage: NODE_ENV=production');
    const help = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/strapi-llm.js'), '--help'],
      { encoding: 'utf8' }
    );
    for (const option of ['--days', '--per-day', '--seed', '--reset', '--force', '--app'])
      expect(help.stdout).toContain(option);
    const bad = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/strapi-llm.js'), 'seed-usage', '--days', 'lots'],
      { encoding: 'utf8' }
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--days must be a positive whole number');
  });
});
