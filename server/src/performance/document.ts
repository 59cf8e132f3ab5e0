import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FILTER_KEYS, parseFilters, type Filters } from '../../../shared/analytics-query';
import {
  EXACT_MAX_DAYS,
  type PerformanceDocument,
  type PerformanceMethod,
} from '../../../shared/contracts/performance';
import { createLookups } from '../analytics/lookups';
import type { ResolvedRange } from '../analytics/range';
import { UID } from '../content-types/schemas';
import { createExactReader } from './exact';
import { bucketFigures, HISTOGRAM_MAX_RELATIVE_ERROR, modelFigures } from './figures';
import { resolvePeriod } from './period';
import { createSketchReader } from './sketch';

/**
 * Exact from raw rows for short periods, and whenever a filter the sketch cannot answer is set
 * (it is kept per model only); the per-model histograms of the rollups for longer ones.
 */
export function methodFor(range: ResolvedRange, filters: Filters): PerformanceMethod {
  const other = Object.entries(filters).some(([key, values]) => key !== 'model' && values?.length);
  return range.buckets.length <= EXACT_MAX_DAYS || range.bucket === 'hour' || other
    ? 'exact'
    : 'histogram';
}

/** The filters of a query, or a 400 naming the first bad value. */
function filtersOf(query: Record<string, unknown>): Filters {
  const { filters, problems } = parseFilters(query, FILTER_KEYS);
  if (problems.length === 0) return filters;
  throw new errors.ValidationError(problems[0], {
    errors: problems.map((message) => ({
      path: [message.split(' ')[0]],
      message,
      name: 'ValidationError',
    })),
  });
}

/** The Performance panel's document (shared/contracts/performance.ts). */
export function createPerformanceDocument(strapi: Core.Strapi) {
  const exact = createExactReader(strapi);
  const sketch = createSketchReader(strapi);
  const lookups = createLookups(strapi);

  return async function build(
    query: Record<string, unknown>,
    now: Date,
    timeZone: string
  ): Promise<PerformanceDocument> {
    const range = await resolvePeriod(query, now, timeZone);
    const filters = filtersOf(query);
    const method = methodFor(range, filters);
    const samples =
      method === 'exact' ? await exact(range, filters) : await sketch(range, filters.model);
    const ids = [...samples.latency.keys(), ...samples.ttft.keys()].map(Number);
    const names = await lookups.names(UID.model, ids, 'displayName');
    const labelOf = (key: string) =>
      key === '0' ? '(none)' : (names.get(Number(key)) ?? `model #${key}`);
    const { buckets, since: _since, until: _until, ...shown } = range;
    return {
      range: shown,
      method,
      maxRelativeError: method === 'exact' ? 0 : HISTOGRAM_MAX_RELATIVE_ERROR,
      models: modelFigures(samples, labelOf),
      buckets: bucketFigures(samples, buckets),
    };
  };
}
