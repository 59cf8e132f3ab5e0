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
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  costNano: string | number | null;
  success: boolean | number;
  errorCode: string | null;
  latencyMs: number;
}

const nano = (v: RawRow['costNano']) => (v === null ? 0n : BigInt(v));
const usd = (v: bigint) => {
  const whole = v / 1_000_000_000n;
  const frac = (v % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${frac}`;
};

export function expectedFigures(rows: RawRow[], inRange: (row: RawRow) => boolean, bucketOf: (row: RawRow) => string) {
  const picked = rows.filter(inRange);
  const requests = picked.filter((r) => r.errorCode !== 'budget_exceeded');
  const total = {
    cost: requests.reduce((s, r) => s + nano(r.costNano), 0n),
    requests: requests.length,
    failures: requests.filter((r) => !r.success).length,
    blocked: picked.length - requests.length,
    unpriced: requests.filter((r) => r.success && r.costNano === null).length,
    input: requests.reduce((s, r) => s + r.inputTokens, 0),
    output: requests.reduce((s, r) => s + r.outputTokens, 0),
    cacheRead: requests.reduce((s, r) => s + r.cacheReadTokens, 0),
    latency: requests.reduce((s, r) => s + r.latencyMs, 0),
  };
  const by = (key: (r: RawRow) => string) => {
    const out = new Map<string, { requests: number; tokens: number; cost: bigint; unpriced: number }>();
    for (const r of requests) {
      const k = key(r);
      const e = out.get(k) ?? { requests: 0, tokens: 0, cost: 0n, unpriced: 0 };
      e.requests += 1;
      e.tokens += r.inputTokens + r.outputTokens;
      e.cost += nano(r.costNano);
      if (r.success && r.costNano === null) e.unpriced += 1;
      out.set(k, e);
    }
    return Object.fromEntries([...out].map(([k, v]) => [k, { requests: v.requests, tokens: v.tokens, costUsd: usd(v.cost), unpricedRequests: v.unpriced }]));
  };
  return {
    kpis: {
      costUsd: usd(total.cost),
      requests: total.requests,
      tokens: total.input + total.output,
      inputTokens: total.input,
      outputTokens: total.output,
      cacheReadTokens: total.cacheRead,
      providers: new Set(requests.filter((r) => r.providerId).map((r) => r.providerId)).size,
      models: new Set(requests.filter((r) => r.modelId).map((r) => r.modelId)).size,
      activeUsers: new Set(requests.filter((r) => r.userId).map((r) => r.userId)).size,
      cacheHitRate: total.input === 0 ? null : total.cacheRead / total.input,
      failureRate: total.requests === 0 ? null : total.failures / total.requests,
      avgLatencyMs: total.requests === 0 ? null : Math.round(total.latency / total.requests),
      unpricedRequests: total.unpriced,
      blocked: total.blocked,
    },
    byBucket: by(bucketOf),
    breakdowns: {
      provider: by((r) => String(r.providerId ?? 0)),
      model: by((r) => String(r.modelId ?? 0)),
      service: by((r) => r.service),
      task: by((r) => String(r.taskId ?? 0)),
      source: by((r) => r.source ?? ''),
    },
    users: by((r) => String(r.userId ?? 0)),
  };
}

/** A page breakdown list as the same keyed shape, to compare with toEqual. */
export const keyed = (list: Array<{ key: string; requests: number; tokens: number; costUsd: string; unpricedRequests: number }>) =>
  Object.fromEntries(list.map(({ key, requests, tokens, costUsd, unpricedRequests }) => [key, { requests, tokens, costUsd, unpricedRequests }]));
