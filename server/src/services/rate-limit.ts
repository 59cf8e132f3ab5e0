import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import type { RateLimit } from '../../../shared/contracts/rate-limits';
import { validateRateLimit } from '../controllers/validation/rate-limit';
import { rateLimitControl } from '../rate-limits/control';
import { createRateCounters, type RateCounters } from '../rate-limits/counters';
import { createRateLimitDirectory } from '../rate-limits/directory';
import { checkSubject, subjectKeyOf, toRateLimit } from '../rate-limits/records';
import { getService } from '../utils/get-service';

/**
 * `strapi.plugin('llm').service('rate-limit')`: rate limits (admin CRUD) and the control every call
 * passes after the allow-list and before the budgets.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const directory = createRateLimitDirectory(strapi);
  // The counters need the database's metadata: made on first use, after Strapi has loaded it.
  let counters: RateCounters | null = null;
  const countersOf = () => (counters ??= createRateCounters(strapi));
  let control: ReturnType<typeof rateLimitControl> | null = null;
  const query = () => strapi.db.query(UID.rateLimit);
  const findLimit = (id: number) => query().findOne({ where: { id } }) as Promise<RateLimit | null>;

  /** A limit changed: read the limits again, and forget which counters were seen full. */
  const invalidate = () => {
    directory.invalidate();
    control?.forgetFull();
  };

  return {
    /** The gateway's control (services/llm.ts lists it). */
    control() {
      control ??= rateLimitControl({
        directory,
        counters: countersOf,
        now: () => getService(strapi, 'clock').now(),
        log: (message) => strapi.log.warn(message),
      });
      return control;
    },

    async list(): Promise<RateLimit[]> {
      const records = (await query().findMany({ orderBy: { id: 'asc' } })) as RateLimit[];
      return records.map(toRateLimit);
    },

    async create(body: unknown): Promise<RateLimit> {
      const input = await validateRateLimit(body);
      await checkSubject(strapi, input);
      const record = (await query().create({ data: input })) as RateLimit;
      invalidate();
      return toRateLimit(record);
    },

    async update(id: number, body: unknown): Promise<RateLimit | null> {
      const input = await validateRateLimit(body);
      await checkSubject(strapi, input);
      const before = await findLimit(id);
      if (!before) return null;
      const record = (await query().update({ where: { id }, data: input })) as RateLimit;
      invalidate();
      // A limit now for someone else starts from an empty minute, not from its old subject's.
      if (subjectKeyOf(before) !== subjectKeyOf(record)) await countersOf().forget(id);
      return toRateLimit(record);
    },

    async remove(id: number): Promise<boolean> {
      const deleted = await query().delete({ where: { id } });
      invalidate();
      await countersOf().forget(id);
      return Boolean(deleted);
    },

    /** Resolves when every call's tokens are added to its rate limits. */
    settled: async () => {
      await control?.settled();
    },
    /** Forgets the cached limits (another process changed them; tests). */
    invalidate: () => invalidate(),
    /** Empties every counter (tests moving the clock back). */
    async resetCounters() {
      control?.forgetFull();
      await countersOf().forget();
    },
  };
};
