import type { Core } from '@strapi/strapi';
import { csvStream } from '../request-log/csv';
import type { Cursor } from '../request-log/cursor';
import { createRequestLog, type LogQuery } from '../request-log/log';

/** `strapi.plugin('llm').service('request-log')`: the request log over raw usage rows. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Built on first use: the usage table's metadata exists once Strapi has loaded its models.
  let log: ReturnType<typeof createRequestLog> | null = null;
  const requestLog = () => (log ??= createRequestLog(strapi));

  return {
    page: (query: LogQuery, cursor: Cursor | null, limit: number) =>
      requestLog().page(query, cursor, limit),
    detail: (id: number) => requestLog().detail(id),
    /** The filtered log as a CSV stream, read a chunk at a time. */
    async csv(query: LogQuery) {
      return csvStream(await requestLog().reader(query), requestLog().nameRows);
    },
  };
};
