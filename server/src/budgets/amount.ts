/** An amount of budget: signed, so the same shape moves a counter up (reserve) or down (settle, return). */
export interface Amount {
  costNano: bigint;
  tokens: bigint;
  requests: bigint;
}

export const ZERO: Amount = { costNano: 0n, tokens: 0n, requests: 0n };

export const plus = (a: Amount, b: Amount): Amount => ({
  costNano: a.costNano + b.costNano,
  tokens: a.tokens + b.tokens,
  requests: a.requests + b.requests,
});
export const minus = (a: Amount, b: Amount): Amount => ({
  costNano: a.costNano - b.costNano,
  tokens: a.tokens - b.tokens,
  requests: a.requests - b.requests,
});
export const times = (a: Amount, k: bigint): Amount => ({
  costNano: a.costNano * k,
  tokens: a.tokens * k,
  requests: a.requests * k,
});
export const isZero = (a: Amount) => a.costNano === 0n && a.tokens === 0n && a.requests === 0n;
export const isNonNegative = (a: Amount) => a.costNano >= 0n && a.tokens >= 0n && a.requests >= 0n;
