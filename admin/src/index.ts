import { Sparkle } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PluginIcon } from './components/PluginIcon';
import { CredentialsPanel } from './content-manager/CredentialsPanel';
import { EntryUsagePanel } from './content-manager/EntryUsagePanel';
import { RunTaskAction } from './content-manager/RunTaskAction';
import type { ContentManagerApis } from './content-manager/types';
import { injectUsageColumns } from './list-columns/inject';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';

type TranslationModule = { default: Record<string, string> };

/**
 * Each locale's messages, imported by a literal path: a template-literal `import()` is not rewritten
 * by Vite when the plugin is installed under node_modules, and a consumer's production build would
 * load no translations at all. A locale without a file gets none (Strapi falls back to English).
 */
const translations: Record<string, () => Promise<TranslationModule>> = {
  de: () => import('./translations/de.json'),
  en: () => import('./translations/en.json'),
  fr: () => import('./translations/fr.json'),
};

export default {
  register(app: Pick<StrapiApp, 'addMenuLink' | 'registerPlugin' | 'widgets'>) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'LLM' },
      Component: () => import('./pages/App'),
      permissions: [],
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'LLM' });
    // "AI spend this month" on Strapi's homepage, for those who may read site-wide analytics.
    app.widgets.register({
      id: 'ai-spend',
      pluginId: PLUGIN_ID,
      icon: Sparkle,
      title: { id: getTranslation('widget.title'), defaultMessage: 'AI spend this month' },
      component: async () => (await import('./widgets/SpendWidget')).default,
      link: {
        label: { id: getTranslation('widget.link'), defaultMessage: 'Open the LLM overview' },
        href: `/plugins/${PLUGIN_ID}`,
      },
      permissions: [{ action: `plugin::${PLUGIN_ID}.analytics.read` }],
    });
  },

  bootstrap(app: Pick<StrapiApp, 'getPlugin' | 'registerHook'>) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', injectUsageColumns);
    const contentManager = app.getPlugin('content-manager').apis as ContentManagerApis;
    contentManager.addEditViewSidePanel([CredentialsPanel, EntryUsagePanel]);
    contentManager.addBulkAction([RunTaskAction]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        if (!Object.hasOwn(translations, locale)) return { data: {}, locale };
        try {
          const { default: data } = await translations[locale]();
          const prefixed = Object.fromEntries(
            Object.entries(data).map(([key, value]) => [getTranslation(key), value])
          );
          return { data: prefixed, locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
