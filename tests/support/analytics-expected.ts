/**
 * The Analytics figures recomputed the plain way, from raw usage rows, by the tests: loops over
 * rows, no SQL, no rollups. If the page's SQL over rollups is wrong, these disagree.
 */
export interface RawRow {
  day: string;
  hour: string;
  occurredAt: string | number | Date;
  providerId: number | null;
  modelId: number | null;
  service: string;
  taskId: number | null;
  source: string | null;
  userId: number | null;
  configurationId?: number | null;
  apiTokenId?: number | null;
  entryUid?: string | null;
  metadata?: unknown;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costNano: string | number | null;
  costRemainderFemto: number | null;
  cacheSavingsNano: string | number | null;
  cacheHit?: boolean | number | null;
  savedNano?: string | number | null;
  success: boolean | number;
  errorCode: string | null;
  latencyMs: number;
}

/** A row's exact cost in femto-USD: whole nano-USD plus the stored remainder. */
const femto = (r: RawRow) =>
  r.costNano === null ? 0n : BigInt(r.costNano) * 1_000_000n + BigInt(r.costRemainderFemto ?? 0);
const decimal = (v: bigint, digits: number) => {
  const unit = 10n ** BigInt(digits);
  const abs = v < 0n ? -v : v;
  const frac = (abs % unit).toString().padStart(digits, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${v < 0n ? '-' : ''}${abs / unit}.${frac}`;
};
const usd = (femtoUsd: bigint) => decimal(femtoUsd, 15);
export const nanoUsd = (nanoValue: bigint) => decimal(nanoValue, 9);

/** The E12 latency scale the page reports percentiles on, written out independently of the server. */
const E12 = [10, 12, 15, 18, 22, 27, 33, 39, 47, 56, 68, 82];
const BOUNDS = [1, 10, 100, 1000, 10_000].flatMap((d) => E12.map((m) => m * d));
/** Nearest-rank percentile of raw latencies, as the bound of the bucket it falls in. */
export function expectedPercentile(latencies: number[], p: number): number | null {
  if (latencies.length === 0) return null;
  const sorted = [...latencies].sort((a, b) => a - b);
  const value = sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1];
  return BOUNDS.find((b) => value <= b) ?? null;
}
const latencyOf = (rows: RawRow[]) => {
  const latencies = rows.filter((r) => Boolean(r.success)).map((r) => r.latencyMs);
  return {
    p50Ms: expectedPercentile(latencies, 50),
    p95Ms: expectedPercentile(latencies, 95),
    calls: latencies.length,
  };
};
/** Half away from zero, as the server rounds. */
export const divRound = (n: bigint, d: bigint) => {
  const q = n / d;
  const r = n % d;
  return r * 2n >= d ? q + 1n : r * 2n <= -d ? q - 1n : q;
};

export function expectedFigures(
  rows: RawRow[],
  inRange: (row: RawRow) => boolean,
  bucketOf: (row: RawRow) => string
) {
  const picked = rows.filter(inRange);
  const requests = picked.filter((r) => r.errorCode !== 'budget_exceeded');
  const pricedSuccessful = requests.filter((r) => Boolean(r.success) && r.costNano !== null);
  const total = {
    cost: requests.reduce((s, r) => s + femto(r), 0n),
    pricedSuccessfulCost: pricedSuccessful.reduce((s, r) => s + femto(r), 0n),
    savings: requests.reduce((s, r) => s + BigInt(r.cacheSavingsNano ?? 0), 0n),
    cacheWrite: requests.reduce((s, r) => s + (r.cacheWriteTokens ?? 0), 0),
    requests: requests.length,
    failures: requests.filter((r) => !r.success).length,
    blocked: picked.length - requests.length,
    unpriced: requests.filter((r) => r.success && r.costNano === null).length,
    input: requests.reduce((s, r) => s + r.inputTokens, 0),
    output: requests.reduce((s, r) => s + r.outputTokens, 0),
    cacheRead: requests.reduce((s, r) => s + r.cacheReadTokens, 0),
    latency: requests.reduce((s, r) => s + r.latencyMs, 0),
    hits: requests.filter((r) => Boolean(r.cacheHit)).length,
    saved: requests.reduce((s, r) => s + BigInt(r.savedNano ?? 0), 0n),
  };
  // `keys` may give a row several members (tags) or none; `source` picks blocked attempts too.
  const by = (key: (r: RawRow) => string | string[], source = requests) => {
    const out = new Map<
      string,
      { requests: number; tokens: number; cost: bigint; unpriced: number }
    >();
    for (const r of source)
      for (const k of [key(r)].flat()) {
        const e = out.get(k) ?? { requests: 0, tokens: 0, cost: 0n, unpriced: 0 };
        e.requests += 1;
        out.set(k, e);
        if (r.errorCode === 'budget_exceeded') continue; // refused: no tokens, no cost
        e.tokens += r.inputTokens + r.outputTokens;
        e.cost += femto(r);
        if (r.success && r.costNano === null) e.unpriced += 1;
      }
    return Object.fromEntries(
      [...out].map(([k, v]) => [
        k,
        {
          requests: v.requests,
          tokens: v.tokens,
          costUsd: usd(v.cost),
          unpricedRequests: v.unpriced,
        },
      ])
    );
  };
  return {
    kpis: {
      costUsd: usd(total.cost),
      requests: total.requests,
      tokens: total.input + total.output,
      inputTokens: total.input,
      outputTokens: total.output,
      cacheReadTokens: total.cacheRead,
      cacheWriteTokens: total.cacheWrite,
      providers: new Set(requests.filter((r) => r.providerId).map((r) => r.providerId)).size,
      models: new Set(requests.filter((r) => r.modelId).map((r) => r.modelId)).size,
      activeUsers: new Set(requests.filter((r) => r.userId).map((r) => r.userId)).size,
      pricedRequests: pricedSuccessful.length,
      avgCostPerPricedRequestUsd:
        pricedSuccessful.length === 0
          ? null
          : nanoUsd(
              divRound(total.pricedSuccessfulCost, BigInt(pricedSuccessful.length) * 1_000_000n)
            ),
      cachedInputShare: total.input === 0 ? null : total.cacheRead / total.input,
      cacheSavingsUsd: nanoUsd(total.savings),
      failureRate: total.requests === 0 ? null : total.failures / total.requests,
      latency: latencyOf(requests),
      unpricedRequests: total.unpriced,
      blocked: total.blocked,
      responseCacheHits: total.hits,
      responseCacheHitRate: total.requests === 0 ? null : total.hits / total.requests,
      responseCacheSavedUsd: nanoUsd(total.saved),
    },
    byBucket: by(bucketOf),
    cacheByBucket: cacheByBucket(requests, bucketOf),
    breakdowns: {
      provider: by((r) => String(r.providerId ?? 0)),
      model: by((r) => String(r.modelId ?? 0)),
      service: by((r) => r.service),
      task: by((r) => String(r.taskId ?? 0)),
      source: by((r) => r.source ?? ''),
      configuration: by((r) => String(r.configurationId ?? 0)),
      apiToken: by((r) => String(r.apiTokenId ?? 0)),
      contentType: by((r) => r.entryUid ?? ''),
      errorCode: by((r) => (r.success ? [] : [r.errorCode ?? 'unknown']), picked),
      tag: by(tagsOf, picked),
    },
    users: by((r) => String(r.userId ?? 0)),
    latencyByService: [...new Set(requests.map((r) => r.service))]
      .map((service) => ({ service, ...latencyOf(requests.filter((r) => r.service === service)) }))
      .filter((row) => row.calls > 0),
  };
}

/** A page breakdown list as the same keyed shape, to compare with toEqual. */
export const keyed = (
  list: Array<{
    key: string;
    requests: number;
    tokens: number;
    costUsd: string;
    unpricedRequests: number;
  }>
) =>
  Object.fromEntries(
    list.map(({ key, requests, tokens, costUsd, unpricedRequests }) => [
      key,
      { requests, tokens, costUsd, unpricedRequests },
    ])
  );

/** A row's tags as documented: metadata.tags (strings) and metadata.tag, trimmed, deduplicated. */
export function tagsOf(r: RawRow): string[] {
  const m = (typeof r.metadata === 'string' ? JSON.parse(r.metadata) : r.metadata) as {
    tags?: unknown;
    tag?: unknown;
  } | null;
  const raw = [
    ...(Array.isArray(m?.tags) ? m.tags : []),
    ...(typeof m?.tag === 'string' ? [m.tag] : []),
  ];
  return [
    ...new Set(
      raw
        .filter((t) => typeof t === 'string')
        .map((t) => t.trim())
        .filter(Boolean)
    ),
  ];
}

/** Prompt-cache reads, writes and savings per bucket (the trend's cache panel). */
function cacheByBucket(requests: RawRow[], bucketOf: (row: RawRow) => string) {
  const out: Record<
    string,
    { cacheReadTokens: number; cacheWriteTokens: number; savings: bigint }
  > = {};
  for (const r of requests) {
    const e = (out[bucketOf(r)] ??= { cacheReadTokens: 0, cacheWriteTokens: 0, savings: 0n });
    e.cacheReadTokens += r.cacheReadTokens;
    e.cacheWriteTokens += r.cacheWriteTokens;
    e.savings += BigInt(r.cacheSavingsNano ?? 0);
  }
  return Object.fromEntries(
    Object.entries(out).map(([k, v]) => [
      k,
      {
        cacheReadTokens: v.cacheReadTokens,
        cacheWriteTokens: v.cacheWriteTokens,
        cacheSavingsUsd: nanoUsd(v.savings),
      },
    ])
  );
}

/** Every call of a row list that matches a view's filters, as documented: OR within a key, AND across keys. */
export function matchesFilters(
  filters: Record<string, string[]>,
  roleMembers: (roleId: number) => number[] = () => []
) {
  const id = (v: number | null | undefined) => String(v ?? 0);
  const statusOf = (r: RawRow) =>
    r.errorCode === 'budget_exceeded' ? 'blocked' : r.success ? 'success' : 'failure';
  const value: Record<string, (r: RawRow) => string> = {
    provider: (r) => id(r.providerId),
    model: (r) => id(r.modelId),
    configuration: (r) => id(r.configurationId),
    task: (r) => id(r.taskId),
    user: (r) => id(r.userId),
    apiToken: (r) => id(r.apiTokenId),
    source: (r) => r.source ?? '',
    contentType: (r) => r.entryUid ?? '',
    service: (r) => r.service,
    status: statusOf,
  };
  return (r: RawRow) =>
    Object.entries(filters).every(([key, values]) =>
      key === 'role'
        ? values.some((role) => roleMembers(Number(role)).includes(r.userId ?? 0))
        : values.includes(value[key](r))
    );
}
