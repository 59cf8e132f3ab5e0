import type { Core } from '@strapi/strapi';
import supertest from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';
import { PLAYGROUND_DIR } from './paths';

export interface TestApp {
  strapi: Core.Strapi;
  db: TestDatabase;
  request: ReturnType<typeof supertest>;
  /** Base URL once `listen()` was called (browser tests). */
  url?: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Serve the built admin panel (browser tests) and listen on a free port. */
  serveAdminPanel?: boolean;
  /** Extra environment for this boot (plugin config, feature switches). */
  env?: Record<string, string>;
}

const QUIET_TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  STRAPI_TELEMETRY_DISABLED: 'true',
  CRON_ENABLED: 'false',
  ADMIN_RATE_LIMIT: 'false',
  STARTUP_MESSAGE: 'false',
  STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error',
  PLAYGROUND_CREATE_ADMIN: '0',
};

/**
 * Boots the playground app for real on a database of its own: Strapi loads the plugin from the
 * repository root exactly as an app would, and supertest talks to its HTTP server.
 */
export async function startStrapi(options: StartOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  Object.assign(process.env, QUIET_TEST_ENV, db.env, options.env);

  // Imported lazily: @strapi/strapi is heavy and the environment above must be set first.
  const { createStrapi } = await import('@strapi/strapi');
  const strapi = await createStrapi({
    appDir: PLAYGROUND_DIR,
    distDir: PLAYGROUND_DIR,
    autoReload: false,
    serveAdminPanel: options.serveAdminPanel ?? false,
  }).load();
  await strapi.server.mount();

  let url: string | undefined;
  if (options.serveAdminPanel) {
    await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
    const address = strapi.server.httpServer.address();
    if (address && typeof address === 'object') url = `http://127.0.0.1:${address.port}`;
  }

  return {
    strapi,
    db,
    url,
    request: supertest(strapi.server.httpServer),
    async stop() {
      await strapi.destroy();
      await db.drop();
    },
  };
}
