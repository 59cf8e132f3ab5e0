import type { Core } from '@strapi/strapi';
import { UID } from '../../server/src/content-types/schemas';
import type { TestDatabase } from './database';
import { setupStrapiFixture, type StrapiFixtureOptions, type TestApp } from './strapi';
import { StubProvider, type StubBehavior } from './stub-provider';

type Data = Record<string, unknown>;

/** Creates through the Document Service, as the Content Manager does, so lifecycles run. */
async function create(strapi: Core.Strapi, uid: string, data: Data) {
  return (await strapi.documents(uid as any).create({ data: data as any })) as any;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Date.now().toString(36)}`;

export const createProvider = (strapi: Core.Strapi, data: Data & { adapter: string }) =>
  create(strapi, UID.provider, {
    name: unique(data.adapter),
    apiKey: 'sk-test-key-123',
    maxRetries: 0,
    timeoutMs: 5000,
    ...data,
  });

export const createModel = (
  strapi: Core.Strapi,
  provider: { id: number },
  data: Data & { modelId: string }
) => create(strapi, UID.model, { displayName: data.modelId, provider: provider.id, ...data });

export const createConfiguration = (strapi: Core.Strapi, model: { id: number }, data: Data = {}) =>
  create(strapi, UID.configuration, { name: unique('configuration'), model: model.id, ...data });

export const createTask = (
  strapi: Core.Strapi,
  configuration: { id: number },
  data: Data & { promptTemplate: string }
) =>
  create(strapi, UID.task, {
    name: unique('task'),
    configuration: configuration.id,
    service: 'chat',
    ...data,
  });

/** A provider that calls the HTTP provider stub: OpenAI's wire format unless `data` says so. */
export const createStubProvider = (
  strapi: Core.Strapi,
  stub: StubProvider,
  data: Data & { adapter?: string } = {}
) => createProvider(strapi, { adapter: 'openai', baseURL: `${stub.url}/v1`, ...data });

export interface ConfiguredModelSpec {
  /** Provider fields; by default an OpenAI-format provider on the stub (createStubProvider). */
  provider?: Data & { adapter?: string };
  model: Data & { modelId: string };
  configuration?: Data;
}

/** A provider on the stub, a model of it and a configuration of that model, in that order. */
export async function withConfiguredModel(
  strapi: Core.Strapi,
  stub: StubProvider,
  spec: ConfiguredModelSpec
) {
  const provider = await createStubProvider(strapi, stub, spec.provider);
  const model = await createModel(strapi, provider, spec.model);
  const configuration = await createConfiguration(strapi, model, spec.configuration);
  return { provider, model, configuration };
}

export interface StubFixtureOptions {
  /** The stub's answer when a test scripted none: set at start, and again after each reset. */
  defaultBehavior?: StubBehavior;
  /** Forget the script, the recorded requests and the default before each test (default: no). */
  resetBeforeEach?: boolean;
}

/** Starts the stub in beforeAll (resets it before each test when asked); the caller stops it. */
function startStubBeforeAll(options: StubFixtureOptions = {}): StubProvider {
  const stub = new StubProvider();
  const setDefault = () => {
    if (options.defaultBehavior) stub.defaultBehavior = { ...options.defaultBehavior };
  };
  beforeAll(async () => {
    await stub.start();
    setDefault();
  });
  if (options.resetBeforeEach)
    beforeEach(() => {
      stub.reset();
      setDefault();
    });
  return stub;
}

/** The HTTP provider stub of a suite that boots Strapi itself: started and stopped around it. */
export function setupStubProvider(options: StubFixtureOptions = {}): StubProvider {
  const stub = startStubBeforeAll(options);
  afterAll(() => stub.stop());
  return stub;
}

export interface GatewayFixtureOptions extends Omit<StrapiFixtureOptions, 'env' | 'database'> {
  stub?: StubFixtureOptions;
  /** Environment for the boot; a function of the started stub for URLs that point at it. */
  env?: Record<string, string> | ((stub: StubProvider) => Record<string, string>);
  /** Boot on this database; a function for one that an earlier beforeAll of the suite made. */
  database?: TestDatabase | (() => TestDatabase);
}

/**
 * What most suites start from: the HTTP provider stub, then a booted Strapi (setupStrapiFixture)
 * that a provider can point at it (createStubProvider, withConfiguredModel). Strapi stops before
 * the stub does; hooks the suite registers after this call run after these.
 */
export function setupGatewayFixture(options: GatewayFixtureOptions = {}): {
  app: TestApp;
  stub: StubProvider;
} {
  const { stub: stubOptions, env, database, ...start } = options;
  const stub = startStubBeforeAll(stubOptions);
  const app = setupStrapiFixture(() => ({
    ...start,
    env: typeof env === 'function' ? env(stub) : env,
    database: typeof database === 'function' ? database() : database,
  }));
  afterAll(() => stub.stop());
  return { app, stub };
}

/** Raw usage rows and rollup rows, read straight from the tables (what the KPI tests recompute from). */
export async function usageRows(strapi: Core.Strapi, where: Data = {}) {
  return strapi.db.query(UID.usage).findMany({ where, orderBy: { id: 'asc' } }) as Promise<any[]>;
}

export async function rollupRows(strapi: Core.Strapi, where: Data = {}) {
  return strapi.db.query(UID.usageRollup).findMany({ where }) as Promise<any[]>;
}

export const llm = (strapi: Core.Strapi) => strapi.plugin('llm').service('llm');
/** The one usage row of a call, once everything recorded so far is written. */
export async function usageRowOf(strapi: Core.Strapi, requestId: string) {
  await flushUsage(strapi);
  const rows = await usageRows(strapi, { requestId });
  if (rows.length !== 1)
    throw new Error(`expected one usage row for ${requestId}, found ${rows.length}`);
  return rows[0];
}

/** Waits until every call made so far is in the database: usage rows, rollups, budget and rate-limit settlements. */
export async function flushUsage(strapi: Core.Strapi) {
  await strapi.plugin('llm').service('budget').settled();
  await strapi.plugin('llm').service('rate-limit').settled();
  await strapi.plugin('llm').service('usage').flush();
}

/**
 * Removes all usage and budget counters: a budget created afterwards starts from zero. (Budgets
 * count the usage already in their window, so tests that need an empty window must empty it.)
 */
export async function clearUsage(strapi: Core.Strapi) {
  await flushUsage(strapi);
  // The ledger refuses deletes through the query engine (its lifecycles): empty the tables directly.
  const knex = strapi.db.connection;
  for (const uid of [UID.usage, UID.usageRollup, UID.usageCube, UID.budgetCounter])
    await knex(strapi.db.metadata.get(uid).tableName).del();
  strapi.plugin('llm').service('budget').invalidate();
}

/** An active site budget that blocks calls past `monthlyCost` (USD) a month. */
export const createSiteBudget = (strapi: Core.Strapi, monthlyCost: string, name = 'site') =>
  strapi
    .plugin('llm')
    .service('budget')
    .create({ name, scope: 'site', monthlyCost, onExceed: 'block', active: true });

/** Removes every budget, then all usage (clearUsage): each test starts from an empty window. */
export async function clearBudgets(strapi: Core.Strapi) {
  await strapi.db.query(UID.budget).deleteMany({});
  await clearUsage(strapi);
}

/** A provider's stored (encrypted) key, read with plain SQL: every other read path withholds it. */
export async function storedApiKey(
  strapi: Core.Strapi,
  providerId: number
): Promise<string | null> {
  const meta = strapi.db.metadata.get(UID.provider);
  const column = (meta.attributes.apiKey as unknown as { columnName: string }).columnName;
  const row = await strapi.db.connection(meta.tableName).where('id', providerId).first(column);
  return (row?.[column] as string | null | undefined) ?? null;
}
