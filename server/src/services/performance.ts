import type { Core } from '@strapi/strapi';
import type { PerformanceDocument } from '../../../shared/contracts/performance';
import { createPerformanceDocument } from '../performance/document';
import { pluginConfig } from '../plugin-config';
import { getService } from '../utils/get-service';

/** `strapi.plugin('llm').service('performance')`: latency, TTFT and tokens/s per model, site-wide. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let build: ReturnType<typeof createPerformanceDocument> | null = null;
  return {
    /** `query` is the request's query string: the period and the filters, validated here (400). */
    document(query: Record<string, unknown>): Promise<PerformanceDocument> {
      build ??= createPerformanceDocument(strapi);
      return build(query, getService(strapi, 'clock').now(), pluginConfig(strapi).timeZone);
    },
  };
};
