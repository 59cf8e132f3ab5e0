import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import type { EntryRef } from './types';

const scope = new AsyncLocalStorage<EntryRef>();

/** The content entry the current async call chain works on, if any. */
export const currentEntry = (): EntryRef | undefined => scope.getStore();

/** Runs `fn` on behalf of an entry: gateway calls made inside it are attributed to that entry. */
export const withEntry = <T>(entry: EntryRef, fn: () => T): T => scope.run(entry, fn);

/** Document Service actions that work on one existing document. */
const ENTRY_ACTIONS = new Set([
  'update',
  'publish',
  'unpublish',
  'discardDraft',
  'delete',
  'findOne',
  'clone',
]);

/**
 * A Document Service middleware: while an action on one document runs — its lifecycles, the
 * middlewares registered after this one, anything they await — LLM calls are attributed to it.
 * The plugin's own types are left out (the usage ledger is not content).
 */
export function registerEntryScope(strapi: Core.Strapi) {
  strapi.documents.use((context, next) => {
    const documentId = (context.params as { documentId?: unknown } | undefined)?.documentId;
    if (
      !ENTRY_ACTIONS.has(context.action) ||
      typeof documentId !== 'string' ||
      context.uid.startsWith('plugin::llm.')
    )
      return next();
    const locale = (context.params as { locale?: unknown }).locale;
    return withEntry(
      { uid: context.uid, documentId, locale: typeof locale === 'string' ? locale : null },
      next
    );
  });
}
