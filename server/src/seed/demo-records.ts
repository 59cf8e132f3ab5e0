import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import type { ModelRecord } from '../gateway/types';
import { cataloguePrices } from '../pricing/catalogue';
import { formatNanoUsd } from '../pricing/money';
import { DEMO_MODELS, DEMO_PROVIDERS, DEMO_TASKS, DEMO_USERS } from './catalog';
import { deleteDemoTokens, ensureDemoToken } from './demo-token';

/** What the seed command created, by type: the only records `--reset` may delete. */
export interface DemoLedger {
  providers: number[];
  models: number[];
  configurations: number[];
  tasks: number[];
  users: number[];
  budgets: number[];
  apiTokens: number[];
}

export const EMPTY_LEDGER: DemoLedger = {
  providers: [],
  models: [],
  configurations: [],
  tasks: [],
  users: [],
  budgets: [],
  apiTokens: [],
};

const STORE_KEY = 'demo-ledger';
const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'llm' });

export async function readLedger(strapi: Core.Strapi): Promise<DemoLedger> {
  return {
    ...EMPTY_LEDGER,
    ...((await store(strapi).get({ key: STORE_KEY })) as Partial<DemoLedger> | null),
  };
}

const writeLedger = (strapi: Core.Strapi, ledger: DemoLedger) =>
  store(strapi).set({ key: STORE_KEY, value: ledger });

/** Model prices copied from the catalogue (decimal text), the demo's own where the catalogue has none. */
function pricesFor(model: (typeof DEMO_MODELS)[number], adapter: string): Record<string, string> {
  const sheet = cataloguePrices(adapter, model.modelId, 1000, new Date());
  const fields: Record<string, string> = {};
  if (sheet) {
    const pairs = [
      ['priceInput', sheet.input],
      ['priceOutput', sheet.output],
      ['priceCacheRead', sheet.cacheRead],
      ['priceCacheWrite', sheet.cacheWrite],
    ] as const;
    for (const [field, nano] of pairs) if (nano !== null) fields[field] = formatNanoUsd(nano);
  }
  return { ...model.fallbackPrices, ...fields };
}

export interface DemoSite {
  providers: Map<string, { id: number; adapter: string; name: string }>;
  models: Map<string, ModelRecord>;
  configurations: Map<string, { id: number }>;
  tasks: Array<{ id: number; model: string; service: string }>;
  users: Array<{ id: number; activity: number; monthlyBudget: string | null }>;
  /** The demo content-API client's token id. */
  apiTokenId: number | null;
}

type Row = Record<string, unknown> & { id: number };
type AnyUid = typeof UID.task;

/**
 * The record the command created earlier (listed in the ledger and matching `where`), else a new
 * one whose id goes into the ledger. Records the command did not create are never reused.
 */
async function ensureOne(
  strapi: Core.Strapi,
  ledgerIds: number[],
  uid: string,
  where: Record<string, unknown>,
  data: () => Record<string, unknown>
): Promise<Row> {
  const mine = ledgerIds.length
    ? ((await strapi.db
        .query(uid as AnyUid)
        .findOne({ where: { ...where, id: { $in: ledgerIds } } })) as Row | null)
    : null;
  if (mine) return mine;
  const created = (await strapi
    .documents(uid as AnyUid)
    .create({ data: data() as never })) as unknown as Row;
  ledgerIds.push(created.id);
  return created;
}

async function ensureProviders(strapi: Core.Strapi, ledger: DemoLedger, site: DemoSite) {
  for (const p of DEMO_PROVIDERS) {
    const name = `${p.name} (demo)`;
    const record = await ensureOne(strapi, ledger.providers, UID.provider, { name }, () => ({
      name,
      adapter: p.adapter,
      apiKeyEnv: 'LLM_DEMO_API_KEY',
      active: true,
    }));
    site.providers.set(p.key, { id: record.id, adapter: p.adapter, name });
  }
}

/** Each demo model (catalogue prices) with a default configuration. */
async function ensureModels(strapi: Core.Strapi, ledger: DemoLedger, site: DemoSite) {
  for (const m of DEMO_MODELS) {
    const provider = site.providers.get(m.provider)!;
    const model = await ensureOne(strapi, ledger.models, UID.model, { modelId: m.modelId }, () => ({
      displayName: m.displayName,
      modelId: m.modelId,
      provider: provider.id,
      capabilities: [...new Set(m.services.map((s) => (s === 'completion' ? 'chat' : s)))],
      active: true,
      ...pricesFor(m, provider.adapter),
    }));
    site.models.set(m.key, model as unknown as ModelRecord);
    const name = `${m.displayName} default (demo)`;
    const configuration = await ensureOne(
      strapi,
      ledger.configurations,
      UID.configuration,
      { name },
      () => ({ name, model: model.id, temperature: 0.3, maxOutputTokens: 1024, active: true })
    );
    site.configurations.set(m.key, configuration);
  }
}

async function ensureTasks(strapi: Core.Strapi, ledger: DemoLedger, site: DemoSite) {
  for (const t of DEMO_TASKS) {
    const name = `${t.name} (demo)`;
    const record = await ensureOne(strapi, ledger.tasks, UID.task, { name }, () => ({
      name,
      service: t.service,
      promptTemplate: t.template,
      configuration: site.configurations.get(t.model)!.id,
      contentApi: false,
    }));
    // A demo task from an earlier seed keeps up with the current template (it is the seed's own record).
    if (record.promptTemplate !== t.template)
      await strapi.db
        .query(UID.task)
        .update({ where: { id: record.id }, data: { promptTemplate: t.template } });
    site.tasks.push({ id: record.id, model: t.model, service: t.service });
  }
}

/** A demo user, created only when no account has its e-mail; with its monthly budget. */
async function createDemoUser(
  strapi: Core.Strapi,
  ledger: DemoLedger,
  u: (typeof DEMO_USERS)[number]
): Promise<Row> {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: u.role } });
  const user = (await strapi.service('admin::user').create({
    firstname: u.firstname,
    lastname: u.lastname,
    email: u.email,
    // Demo accounts cannot sign in: inactive, with a password nobody knows.
    password: `Demo-${Math.random().toString(36).slice(2)}A1!`,
    isActive: false,
    roles: role ? [role.id] : [],
  })) as Row;
  ledger.users.push(user.id);
  if (u.monthlyBudget) {
    const budget = await strapi.db.query(UID.budget).create({
      data: {
        name: `${u.firstname} monthly (demo)`,
        scope: 'user',
        userId: user.id,
        monthlyCost: u.monthlyBudget,
        onExceed: 'block',
        active: true,
        alertThresholds: [80, 100],
      },
    });
    ledger.budgets.push(budget.id);
  }
  return user;
}

async function ensureUsers(strapi: Core.Strapi, ledger: DemoLedger, site: DemoSite) {
  const users = strapi.db.query('admin::user');
  for (const u of DEMO_USERS) {
    let user = ledger.users.length
      ? ((await users.findOne({ where: { email: u.email, id: { $in: ledger.users } } })) as Row)
      : null;
    if (!user && !(await users.findOne({ where: { email: u.email } })))
      user = await createDemoUser(strapi, ledger, u);
    if (user)
      site.users.push({ id: user.id, activity: u.activity, monthlyBudget: u.monthlyBudget });
  }
}

/**
 * Creates the demo providers, models (catalogue prices), configurations, tasks, users and monthly
 * budgets that are missing, records each id in the ledger, and returns the whole demo site.
 * Records the command did not create are never reused, changed or deleted.
 */
export async function ensureDemoRecords(strapi: Core.Strapi): Promise<DemoSite> {
  const ledger = await readLedger(strapi);
  const site: DemoSite = {
    providers: new Map(),
    models: new Map(),
    configurations: new Map(),
    tasks: [],
    users: [],
    apiTokenId: null,
  };
  await ensureProviders(strapi, ledger, site);
  await ensureModels(strapi, ledger, site);
  await ensureTasks(strapi, ledger, site);
  await ensureUsers(strapi, ledger, site);
  site.apiTokenId = await ensureDemoToken(strapi, ledger.apiTokens);
  await writeLedger(strapi, ledger);
  return site;
}

/** Deletes exactly what the ledger lists, then forgets it. */
export async function deleteDemoRecords(strapi: Core.Strapi): Promise<DemoLedger> {
  const ledger = await readLedger(strapi);
  const del = (uid: string, ids: number[]) =>
    ids.length
      ? strapi.db.query(uid as AnyUid).deleteMany({ where: { id: { $in: ids } } })
      : Promise.resolve();
  await del(UID.task, ledger.tasks);
  await del(UID.configuration, ledger.configurations);
  await del(UID.model, ledger.models);
  await del(UID.provider, ledger.providers);
  await del(UID.budget, ledger.budgets);
  if (ledger.budgets.length)
    await strapi.db
      .query(UID.budgetCounter)
      .deleteMany({ where: { budgetId: { $in: ledger.budgets } } });
  await del('admin::user', ledger.users);
  await deleteDemoTokens(strapi, ledger.apiTokens);
  await writeLedger(strapi, EMPTY_LEDGER);
  return ledger;
}
