import type { Core } from '@strapi/strapi';

const NAME_FIELDS = ['title', 'name', 'displayName', 'label', 'slug'];

type ContentManagerTypes = {
  findConfiguration(contentType: { uid: string }): Promise<{ settings?: { mainField?: string } }>;
};

/**
 * The field that names an entry where people see it: the Content Manager's "entry title" for the
 * type (its configured main field), else a usual name field, else none (the document id is used).
 */
export async function mainFieldOf(strapi: Core.Strapi, uid: string): Promise<string | null> {
  const attributes = (strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.attributes ??
    {}) as Record<string, { type?: string }>;
  try {
    const service = strapi.plugin('content-manager')?.service('content-types') as
      ContentManagerTypes | undefined;
    const mainField = (await service?.findConfiguration({ uid }))?.settings?.mainField;
    if (mainField && mainField !== 'id' && mainField !== 'documentId' && attributes[mainField])
      return mainField;
  } catch {
    // No Content Manager configuration: fall back to a usual name field.
  }
  return NAME_FIELDS.find((field) => attributes[field]?.type === 'string') ?? null;
}

/** "“My first article”" for an entry with a readable main field, else its document id. */
export function entryLabel(entry: Record<string, unknown>, mainField: string | null): string {
  const value = mainField ? entry[mainField] : undefined;
  if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number')
    return `“${String(value).trim().slice(0, 80)}”`;
  return String(entry.documentId ?? '');
}
