import type { Core } from '@strapi/strapi';
import {
  COMMON_FIELDS,
  CONFIGURATION_FIELDS,
  MODEL_FIELDS,
  PROVIDER_FIELDS,
  TASK_FIELDS,
  type FieldText,
  type FieldTexts,
} from './labels';
import { UID } from './schemas';
import { DEFAULT_USAGE_LIST, USAGE_FIELDS, USAGE_LIST } from './usage/labels';

/** The plugin's types the Content Manager shows, their fields' texts, and whether they are read-only there. */
export const CONTENT_MANAGER_TYPES: Array<{
  uid: string;
  fields: FieldTexts;
  readOnly?: boolean;
  list?: { default: string[]; ours: string[] };
  /** The list's first sort (set once; the admin may change it). */
  sort?: { by: string; order: 'ASC' | 'DESC' };
}> = [
  { uid: UID.provider, fields: PROVIDER_FIELDS },
  { uid: UID.model, fields: MODEL_FIELDS },
  { uid: UID.configuration, fields: CONFIGURATION_FIELDS },
  { uid: UID.task, fields: TASK_FIELDS },
  {
    uid: UID.usage,
    fields: USAGE_FIELDS,
    readOnly: true,
    list: { default: DEFAULT_USAGE_LIST, ours: USAGE_LIST },
    // Newest calls first: the ledger is read to see what just happened.
    sort: { by: 'occurredAt', order: 'DESC' },
  },
];

interface Metadata {
  edit?: { label?: string; description?: string; editable?: boolean } & Record<string, unknown>;
  list?: { label?: string } & Record<string, unknown>;
}

interface Configuration {
  settings?: Record<string, unknown>;
  metadatas?: Record<string, Metadata>;
  layouts?: { list?: string[] } & Record<string, unknown>;
}

interface ContentTypesService {
  findConfiguration(contentType: { uid: string }): Promise<Configuration>;
  updateConfiguration(contentType: { uid: string }, configuration: Configuration): Promise<unknown>;
  syncConfigurations(): Promise<void>;
}

/**
 * One field's metadata with our label and description wherever it still holds the Content
 * Manager's default (the raw field name, no description): an admin's own edits are kept.
 */
export function labelled(
  name: string,
  meta: Metadata,
  text: FieldText | undefined,
  readOnly = false
): Metadata {
  const edit = { ...meta.edit };
  const list = { ...meta.list };
  if (text) {
    if (!edit.label || edit.label === name) edit.label = text.label;
    if (!edit.description && text.description) edit.description = text.description;
    if (!list.label || list.label === name) list.label = text.label;
  }
  // The ledger is written by the gateway only (the server refuses every other write).
  if (readOnly) edit.editable = false;
  return { ...meta, edit, list };
}

/** `config.metadatas` for a schema: what the Content Manager's first configuration of the type starts from. */
export function schemaMetadatas(fields: FieldTexts, readOnly = false) {
  return Object.fromEntries(
    Object.entries(fields).map(([name, text]) => [name, labelled(name, {}, text, readOnly)])
  );
}

function configured(
  type: (typeof CONTENT_MANAGER_TYPES)[number],
  current: Configuration,
  applied: Set<string>
) {
  const texts = { ...COMMON_FIELDS, ...type.fields };
  const metadatas = Object.fromEntries(
    Object.entries(current.metadatas ?? {}).map(([name, meta]) => {
      // Our texts go in once per field: after that, whatever the admin made of them (a cleared
      // description included) is theirs.
      const key = `${type.uid}.${name}`;
      const text = applied.has(key) ? undefined : texts[name];
      if (text) applied.add(key);
      return [name, labelled(name, meta ?? {}, text, type.readOnly)];
    })
  );
  const list = current.layouts?.list;
  const layouts =
    type.list && list && list.join() === type.list.default.join()
      ? { ...current.layouts, list: type.list.ours }
      : current.layouts;
  const settings =
    type.sort && !applied.has(`${type.uid}#sort`)
      ? { ...current.settings, defaultSortBy: type.sort.by, defaultSortOrder: type.sort.order }
      : current.settings;
  if (type.sort) applied.add(`${type.uid}#sort`);
  return { settings, metadatas, layouts };
}

/**
 * At bootstrap: human labels and descriptions on every field of the plugin's types in the Content
 * Manager (its stored view configuration), the usage ledger's fields not editable, and its list
 * showing what a call cost, newest first. Each text goes in once (the plugin's store remembers
 * which), and only over the Content Manager's default, so what an admin configured survives.
 */
export async function configureContentManager(strapi: Core.Strapi) {
  const service = strapi.plugin('content-manager')?.service('content-types') as
    ContentTypesService | undefined;
  if (!service) return;
  const store = strapi.store({ type: 'plugin', name: 'llm', key: 'content-manager-defaults' });
  const applied = new Set<string>(((await store.get()) as string[] | null) ?? []);
  for (const type of CONTENT_MANAGER_TYPES) {
    let current = await service.findConfiguration({ uid: type.uid });
    if (!current?.metadatas || Object.keys(current.metadatas).length === 0) {
      // A new database, and the Content Manager has not configured its types yet: let it first
      // (it does the same at its own bootstrap, keeping what is stored), from the schema's metadatas.
      await service.syncConfigurations();
      current = await service.findConfiguration({ uid: type.uid });
    }
    if (!current?.metadatas) continue;
    const next = configured(type, current, applied);
    const before = {
      settings: current.settings,
      metadatas: current.metadatas,
      layouts: current.layouts,
    };
    if (JSON.stringify(next) !== JSON.stringify(before))
      await service.updateConfiguration({ uid: type.uid }, next);
  }
  await store.set({ value: [...applied] });
}
