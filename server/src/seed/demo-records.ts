import type { Core } from '@strapi/strapi';
import { UID } from '../../../content-types';
import { cataloguePrices } from '../pricing/catalogue';
import { formatNanoUsd } from '../pricing/money';
import { DEMO_MODELS, DEMO_PROVIDERS, DEMO_TASKS, DEMO_USERS } from './catalog';

/** What the seed command created, by type: the only records `--reset` may delete. */
export interface DemoLedger {
  providers: number[];
  models: number[];
  configurations: number[];
  tasks: number[];
  users: number[];
  budgets: number[];
}

export const EMPTY_LEDGER: DemoLedger = {
  providers: [],
  models: [],
  configurations: [],
  tasks: [],
  users: [],
  budgets: [],
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
  models: Map<string, any>;
  configurations: Map<string, { id: number }>;
  tasks: Array<{ id: number; model: string; service: string }>;
  users: Array<{ id: number; activity: number; monthlyBudget: string | null }>;
}

/**
 * Creates the demo providers, models (catalogue prices), configurations, tasks, users and monthly
 * budgets that are missing, records each id in the ledger, and returns the whole demo site.
 * Records the command did not create are never reused, changed or deleted.
 */
export async function ensureDemoRecords(strapi: Core.Strapi): Promise<DemoSite> {
  const ledger = await readLedger(strapi);
  const mine = async (uid: string, ids: number[], where: Record<string, unknown>) =>
    ids.length
      ? ((await strapi.db
          .query(uid as any)
          .findOne({ where: { ...where, id: { $in: ids } } })) as any)
      : null;
  const create = (uid: string, data: Record<string, unknown>) =>
    strapi.documents(uid as any).create({ data: data as any }) as Promise<any>;

  const site: DemoSite = {
    providers: new Map(),
    models: new Map(),
    configurations: new Map(),
    tasks: [],
    users: [],
  };
  for (const p of DEMO_PROVIDERS) {
    let record = await mine(UID.provider, ledger.providers, { name: `${p.name} (demo)` });
    if (!record) {
      record = await create(UID.provider, {
        name: `${p.name} (demo)`,
        adapter: p.adapter,
        apiKeyEnv: 'LLM_DEMO_API_KEY',
        active: true,
      });
      ledger.providers.push(record.id);
    }
    site.providers.set(p.key, { id: record.id, adapter: p.adapter, name: record.name });
  }
  for (const m of DEMO_MODELS) {
    const provider = site.providers.get(m.provider)!;
    let record = await mine(UID.model, ledger.models, { modelId: m.modelId });
    if (!record) {
      record = await create(UID.model, {
        displayName: m.displayName,
        modelId: m.modelId,
        provider: provider.id,
        capabilities: [...new Set(m.services.map((s) => (s === 'completion' ? 'chat' : s)))],
        active: true,
        ...pricesFor(m, provider.adapter),
      });
      ledger.models.push(record.id);
    }
    site.models.set(m.key, record);
    let configuration = await mine(UID.configuration, ledger.configurations, {
      name: `${m.displayName} default (demo)`,
    });
    if (!configuration) {
      configuration = await create(UID.configuration, {
        name: `${m.displayName} default (demo)`,
        model: record.id,
        temperature: 0.3,
        maxOutputTokens: 1024,
        active: true,
      });
      ledger.configurations.push(configuration.id);
    }
    site.configurations.set(m.key, configuration);
  }
  for (const t of DEMO_TASKS) {
    let record = await mine(UID.task, ledger.tasks, { name: `${t.name} (demo)` });
    if (!record) {
      record = await create(UID.task, {
        name: `${t.name} (demo)`,
        service: t.service,
        promptTemplate: t.template,
        configuration: site.configurations.get(t.model)!.id,
        contentApi: false,
      });
      ledger.tasks.push(record.id);
    }
    site.tasks.push({ id: record.id, model: t.model, service: t.service });
  }
  for (const u of DEMO_USERS) {
    let user = ledger.users.length
      ? await strapi.db
          .query('admin::user')
          .findOne({ where: { email: u.email, id: { $in: ledger.users } } })
      : null;
    if (!user && !(await strapi.db.query('admin::user').findOne({ where: { email: u.email } }))) {
      const role = await strapi.db.query('admin::role').findOne({ where: { code: u.role } });
      user = await strapi.service('admin::user').create({
        firstname: u.firstname,
        lastname: u.lastname,
        email: u.email,
        // Demo accounts cannot sign in: inactive, with a password nobody knows.
        password: `Demo-${Math.random().toString(36).slice(2)}A1!`,
        isActive: false,
        roles: role ? [role.id] : [],
      });
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
    }
    if (user)
      site.users.push({ id: user.id, activity: u.activity, monthlyBudget: u.monthlyBudget });
  }
  await writeLedger(strapi, ledger);
  return site;
}

/** Deletes exactly what the ledger lists, then forgets it. */
export async function deleteDemoRecords(strapi: Core.Strapi): Promise<DemoLedger> {
  const ledger = await readLedger(strapi);
  const del = (uid: string, ids: number[]) =>
    ids.length
      ? strapi.db.query(uid as any).deleteMany({ where: { id: { $in: ids } } })
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
  await writeLedger(strapi, EMPTY_LEDGER);
  return ledger;
}
