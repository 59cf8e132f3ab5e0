import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type DatabaseClient = 'sqlite' | 'postgres' | 'mysql';

export const DATABASE_CLIENTS: readonly DatabaseClient[] = ['sqlite', 'postgres', 'mysql'];

/** Where the local servers listen; overridable so a laptop can point elsewhere. */
export const SERVERS = {
  postgres: {
    host: process.env.TEST_PG_HOST ?? '127.0.0.1',
    port: Number(process.env.TEST_PG_PORT ?? 5432),
    user: process.env.TEST_PG_USER ?? 'postgres',
    password: process.env.TEST_PG_PASSWORD ?? '',
    adminDatabase: 'postgres',
  },
  mysql: {
    host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1',
    port: Number(process.env.TEST_MYSQL_PORT ?? 3306),
    user: process.env.TEST_MYSQL_USER ?? 'root',
    password: process.env.TEST_MYSQL_PASSWORD ?? '',
  },
} as const;

export interface TestDatabase {
  client: DatabaseClient;
  name: string;
  /** Environment variables that point the playground's config/database.js at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const currentClient = (): DatabaseClient => {
  const client = (process.env.DATABASE_CLIENT ?? 'sqlite') as DatabaseClient;
  if (!DATABASE_CLIENTS.includes(client)) throw new Error(`Unknown DATABASE_CLIENT "${client}"`);
  return client;
};

const uniqueName = () => `llm_test_${process.pid}_${randomBytes(4).toString('hex')}`;

async function withPostgres<T>(fn: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const { Client } = await import('pg');
  const { adminDatabase, ...server } = SERVERS.postgres;
  const client = new Client({ ...server, database: adminDatabase, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function withMysql<T>(
  fn: (connection: import('mysql2/promise').Connection) => Promise<T>
): Promise<T> {
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection({ ...SERVERS.mysql, connectTimeout: 3000 });
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}

/** Answers whether the server for `client` accepts a connection (SQLite always does). */
export async function isReachable(client: DatabaseClient): Promise<boolean> {
  try {
    if (client === 'postgres') await withPostgres((c) => c.query('SELECT 1'));
    if (client === 'mysql') await withMysql((c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

/** The variables that point the playground at a database on a server. */
function serverEnv(client: 'postgres' | 'mysql', name: string): Record<string, string> {
  const { host, port, user, password } = SERVERS[client];
  return {
    DATABASE_CLIENT: client,
    DATABASE_HOST: host,
    DATABASE_PORT: String(port),
    DATABASE_USERNAME: user,
    DATABASE_PASSWORD: password,
    DATABASE_NAME: name,
  };
}

/** A database of its own for one test file: a temp SQLite file, or a database created on the server. */
export async function createTestDatabase(
  client: DatabaseClient = currentClient()
): Promise<TestDatabase> {
  const name = uniqueName();
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-test-'));
    const filename = path.join(dir, 'data.db');
    return {
      client,
      name: filename,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (client === 'postgres') {
    await withPostgres((c) => c.query(`CREATE DATABASE "${name}"`));
    return {
      client,
      name,
      env: serverEnv('postgres', name),
      drop: () =>
        withPostgres((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
          () => undefined
        ),
    };
  }
  await withMysql((c) =>
    c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
  );
  return {
    client,
    name,
    env: serverEnv('mysql', name),
    drop: () =>
      withMysql((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined),
  };
}

/**
 * The database this process was pointed at through the DATABASE_* variables (a worker process on
 * the database of the test that spawned it): dropping it is that test's business, not this one's.
 */
export function databaseFromEnv(): TestDatabase {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key.startsWith('DATABASE_'))
  ) as Record<string, string>;
  return {
    client: env.DATABASE_CLIENT as DatabaseClient,
    name: env.DATABASE_NAME ?? env.DATABASE_FILENAME,
    env,
    drop: async () => {},
  };
}
