import type { Reservation } from '../budget-seam';
import { admitAll, type CallControl } from '../controls';
import { LlmError } from '../errors';
import type { CallContext, ResolvedTarget } from '../types';

const target = {} as ResolvedTarget;
const context = {} as CallContext;
const estimate = () => ({ inputTokensBound: 1, maxOutputTokens: 1, units: 0 });

/** A control that admits (recording what happens to its admission) or refuses. */
function control(name: string, log: string[], refuse = false): CallControl {
  return {
    name,
    admit: async () => {
      log.push(`admit ${name}`);
      if (refuse) throw new LlmError('rate_limit_exceeded', `${name} refused`);
      const admission: Reservation = {
        release: async () => void log.push(`release ${name}`),
        settle: async (cost, tokens) => void log.push(`settle ${name} ${cost} ${tokens}`),
      };
      return admission;
    },
  };
}

describe('admitAll: the controls a call passes before any provider is asked', () => {
  it('asks each control in order and settles every admission when the call ends', async () => {
    const log: string[] = [];
    const admitted = await admitAll(
      [control('allow-list', log), control('rate-limit', log), control('budget', log)],
      target,
      context,
      estimate
    );
    await admitted.settle(7n, 3);
    expect(log).toEqual([
      'admit allow-list',
      'admit rate-limit',
      'admit budget',
      'settle allow-list 7 3',
      'settle rate-limit 7 3',
      'settle budget 7 3',
    ]);
  });

  it('stops at the first refusal, releases what was admitted before it, and rethrows', async () => {
    const log: string[] = [];
    const refusal = admitAll(
      [control('allow-list', log), control('rate-limit', log, true), control('budget', log)],
      target,
      context,
      estimate
    );
    await expect(refusal).rejects.toMatchObject({ code: 'rate_limit_exceeded' });
    expect(log).toEqual(['admit allow-list', 'admit rate-limit', 'release allow-list']);
  });

  it('admits a call no control applies to', async () => {
    const admitted = await admitAll([], target, context, estimate);
    await expect(admitted.settle(1n, 1)).resolves.toBeUndefined();
  });
});
