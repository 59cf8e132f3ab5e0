import type { Core } from '@strapi/strapi';
import { LlmError } from '../gateway/errors';

/** A content type tasks may run on: any of the app's, never the plugin's own or the admin's. */
export function contentTypeOf(strapi: Core.Strapi, uid: string) {
  const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  if (!contentType || uid.startsWith('plugin::llm.') || uid.startsWith('admin::'))
    throw new LlmError('invalid_request', `Unknown content type "${uid}"`);
  return contentType;
}

export type ContentType = ReturnType<typeof contentTypeOf>;

/** Attribute types by name: what entryVariables reads to turn fields into text. */
export const attributesOf = (contentType: ContentType) =>
  contentType.attributes as Record<string, { type?: string }>;

export const isLocalized = (contentType: ContentType) =>
  Boolean(
    (contentType.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized
  );
