/** Attribute paths a query names, for the rules that judge which paths a caller may use. */

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Paths a filter object names (`$and`/`$or`/`$not` are walked; other operators and their operands are not paths). */
export function filterPaths(filters: unknown, prefix: string[] = [], depth = 0): string[][] {
  if (depth > 20) return [];
  if (Array.isArray(filters))
    return filters.flatMap((item) => filterPaths(item, prefix, depth + 1));
  if (!isObject(filters)) return [];
  return Object.entries(filters).flatMap(([key, value]) => {
    if (key === '$and' || key === '$or' || key === '$not')
      return filterPaths(value, prefix, depth + 1);
    if (key.startsWith('$')) return [];
    return [[...prefix, key], ...filterPaths(value, [...prefix, key], depth + 1)];
  });
}

/** Paths a sort names: 'a.b:asc', ['a:desc'], { a: 'asc' }, { a: { b: 'desc' } }. */
export function sortPaths(sort: unknown, prefix: string[] = [], depth = 0): string[][] {
  if (depth > 20) return [];
  if (typeof sort === 'string')
    return sort.split(',').map((part) => [...prefix, ...part.split(':')[0].trim().split('.')]);
  if (Array.isArray(sort)) return sort.flatMap((item) => sortPaths(item, prefix, depth + 1));
  if (!isObject(sort)) return [];
  return Object.entries(sort).flatMap(([key, value]) => [
    [...prefix, key],
    ...sortPaths(value, [...prefix, key], depth + 1),
  ]);
}
