import type { Core } from '@strapi/strapi';
import { registerEntryScope } from './gateway/entry-scope';
import { resolvePluginConfig } from './plugin-config';
import { registerDocumentGuard } from './security/document-guard';

type WarningLogger = (options: { warnings: unknown[]; provider: string; model: string }) => void;

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  resolvePluginConfig(strapi);
  // The AI SDK prints its warnings with console.warn; route them to Strapi's logger unless the app chose.
  const global = globalThis as { AI_SDK_LOG_WARNINGS?: false | WarningLogger };
  if (global.AI_SDK_LOG_WARNINGS === undefined) {
    global.AI_SDK_LOG_WARNINGS = ({ warnings, provider, model }) =>
      strapi.log.debug(
        `llm: AI SDK warnings from ${provider} / ${model}: ${JSON.stringify(warnings)}`
      );
  }
  registerEntryScope(strapi);
  registerDocumentGuard(strapi);
};

export default register;
