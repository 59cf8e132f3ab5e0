import type { RateLimit } from '../../../../shared/contracts/rate-limits';
import type { CallContext, ResolvedTarget } from '../../gateway/types';
import { rateLimitControl } from '../control';
import { LlmError } from '../../gateway/errors';
import { minuteOf, secondsLeftIn, type RateCounterKey, type RateCounters } from '../counters';
import type { RateLimitDirectory } from '../directory';

const AT = new Date('2026-05-04T10:20:45.200Z');
const limit = (
  id: number,
  requestsPerMinute: number | null,
  tokensPerMinute: number | null = null
) =>
  ({
    id,
    scope: 'user',
    subjectId: 7,
    requestsPerMinute,
    tokensPerMinute,
    enabled: true,
  }) as RateLimit;

/** Counters in memory, with the same rules as the SQL ones, recording every statement. */
function memoryCounters() {
  const rows = new Map<string, { requests: number; tokens: number }>();
  const statements: string[] = [];
  const row = (key: RateCounterKey) => {
    const k = `${key.limitId}:${key.subjectId}`;
    if (!rows.has(k)) rows.set(k, { requests: 0, tokens: 0 });
    return rows.get(k)!;
  };
  const counters: RateCounters = {
    admit: async (key, limits) => {
      statements.push(`admit ${key.limitId}`);
      const r = row(key);
      if (limits.requests !== null && r.requests + 1 > limits.requests) return false;
      if (limits.tokens !== null && r.tokens >= limits.tokens) return false;
      r.requests += 1;
      return true;
    },
    read: async (key) => ({ ...row(key) }),
    giveBack: async (key) => {
      statements.push(`giveBack ${key.limitId}`);
      row(key).requests -= 1;
    },
    addTokens: async (key, _minute, tokens) => {
      row(key).tokens += tokens;
    },
    forget: async () => rows.clear(),
  };
  return { counters, rows, statements };
}

function setup(limits: RateLimit[]) {
  const memory = memoryCounters();
  const directory = {
    applicable: async () =>
      limits.map((l) => ({ limit: l, counter: { limitId: l.id, subjectId: 7 } })),
    invalidate: () => {},
  } as RateLimitDirectory;
  const control = rateLimitControl({
    directory,
    counters: () => memory.counters,
    now: () => AT,
    log: () => {},
  });
  const admit = () =>
    control.admit({} as ResolvedTarget, { userId: 7 } as CallContext, () => {
      throw new Error('rate limits never need the estimate');
    });
  return { ...memory, control, admit };
}

describe('rate-limit control', () => {
  it('keys a window by its minute and says how long is left in it', () => {
    expect(minuteOf(AT)).toBe(Math.floor(AT.getTime() / 60_000));
    expect(secondsLeftIn(minuteOf(AT), AT)).toBe(15);
    expect(secondsLeftIn(minuteOf(AT), new Date('2026-05-04T10:20:59.900Z'))).toBe(1);
  });

  it('refuses past the limit with the seconds left, and then without asking the counters again', async () => {
    const { admit, statements } = setup([limit(1, 2)]);
    await admit();
    await admit();
    await expect(admit()).rejects.toMatchObject({
      code: 'rate_limit_exceeded',
      status: 429,
      retryAfterSeconds: 15,
      message: 'Rate limit of 2 requests per minute reached for user 7',
    });
    await expect(admit()).rejects.toMatchObject({ code: 'rate_limit_exceeded' });
    expect(statements).toEqual(['admit 1', 'admit 1', 'admit 1']);
  });

  it('a refusal by a later limit gives back what the earlier ones counted', async () => {
    const { admit, rows } = setup([limit(1, 10), limit(2, 1)]);
    await admit();
    await expect(admit()).rejects.toMatchObject({ code: 'rate_limit_exceeded' });
    expect(rows.get('1:7')).toEqual({ requests: 1, tokens: 0 });
  });

  it('counts tokens when the call settles, and refuses once the minute holds the limit', async () => {
    const { admit, control } = setup([limit(1, null, 150)]);
    await (await admit()).settle(null, 100);
    await control.settled();
    await (await admit()).settle(null, 100);
    await control.settled();
    await expect(admit()).rejects.toMatchObject({
      message: 'Rate limit of 150 tokens per minute reached for user 7',
    });
  });

  it('a call a later control refused gives its request back', async () => {
    const { admit, rows } = setup([limit(1, 1)]);
    await (await admit()).release();
    expect(rows.get('1:7')?.requests).toBe(0);
    await admit();
  });

  it('a call that reached the provider keeps its turn, even when the provider failed', async () => {
    const { admit, rows } = setup([limit(1, 1)]);
    await (
      await admit()
    ).release(new LlmError('provider_error', 'HTTP 400', { providerStatus: 400 }));
    expect(rows.get('1:7')?.requests).toBe(1);
    await expect(admit()).rejects.toMatchObject({ code: 'rate_limit_exceeded' });
  });
});
