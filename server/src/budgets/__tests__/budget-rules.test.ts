import { budgetProblems } from '../../../../shared/budget-rules';
import { validateBudget } from '../../controllers/validation/budget';

/** The paths of the problems the server's schema reports for a body (none when it accepts it). */
async function serverProblems(body: unknown): Promise<string[]> {
  try {
    await validateBudget(body);
    return [];
  } catch (error) {
    const details = (error as { details?: { errors?: Array<{ path: string[] }> } }).details;
    return (details?.errors ?? []).map((e) => e.path.join('.'));
  }
}

const base = { name: 'Team', scope: 'site', onExceed: 'block', active: true, dailyCost: '5' };

describe('budget rules: the admin form and the server refuse the same input', () => {
  it.each([
    ['a valid budget', base],
    ['digits as text for counts (a form sends text)', { ...base, monthlyTokens: '1000' }],
    ['two bad limits', { ...base, dailyCost: '-1', monthlyTokens: '1.5' }],
    ['a float cost', { ...base, dailyCost: 0.5 }],
    ['a cost over a million', { ...base, monthlyCost: '1000000.01' }],
    ['a zero cost', { ...base, dailyCost: '0' }],
    ['ten decimals', { ...base, dailyCost: '0.0000000001' }],
    ['too many requests', { ...base, dailyRequests: 1e30 }],
    ['no limit at all', { ...base, dailyCost: '' }],
    ['a blank name', { ...base, name: '   ' }],
    ['a long name', { ...base, name: 'x'.repeat(121) }],
    ['a user budget without its user', { ...base, scope: 'user' }],
    ['a role budget with a bad role id', { ...base, scope: 'role', roleId: 'abc' }],
    ['an API-token budget', { ...base, scope: 'apiToken', apiTokenId: 3 }],
    ['an API-token budget with its id as digits', { ...base, scope: 'apiToken', apiTokenId: '3' }],
    ['an API-token budget without its token', { ...base, scope: 'apiToken' }],
    ['an API-token budget with a bad id', { ...base, scope: 'apiToken', apiTokenId: 1.5 }],
    ['an API-token budget with a huge id', { ...base, scope: 'apiToken', apiTokenId: 2 ** 31 }],
    ['a fallback without a configuration', { ...base, onExceed: 'fallback' }],
    ['thresholds as text', { ...base, alertThresholds: '50,90' }],
    ['thresholds out of range', { ...base, alertThresholds: [0, 101] }],
    ['eleven thresholds', { ...base, alertThresholds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }],
    ['active as text', { ...base, active: 'yes' }],
    ['an unknown scope', { ...base, scope: 'team' }],
  ])('%s', async (_, body) => {
    const server = await serverProblems(body);
    expect(server).toEqual(budgetProblems(body));
  });

  it('names each problem by its field, every one at once', async () => {
    expect(await serverProblems({ ...base, dailyCost: '-1', monthlyTokens: '1.5' })).toEqual([
      'dailyCost',
      'monthlyTokens',
    ]);
    expect(await serverProblems({ name: '', scope: 'user', onExceed: 'fallback' })).toEqual([
      'name',
      'userId',
      'fallbackConfigurationId',
      'limits',
    ]);
  });

  it('keeps the API token of a token budget only, and names a missing one', async () => {
    expect(await serverProblems({ ...base, scope: 'apiToken', apiTokenId: null })).toEqual([
      'apiTokenId',
    ]);
    const token = await validateBudget({ ...base, scope: 'apiToken', apiTokenId: '7' });
    expect(token).toMatchObject({ scope: 'apiToken', apiTokenId: 7, userId: null, roleId: null });
    // A token id sent with another scope is ignored, not kept.
    const site = await validateBudget({ ...base, apiTokenId: 7 });
    expect(site.apiTokenId).toBeNull();
  });

  it('normalises what it accepts: digits to numbers, empty limits to none', async () => {
    const input = await validateBudget({ ...base, monthlyTokens: '1000', dailyRequests: '' });
    expect(input).toMatchObject({ dailyCost: '5', monthlyTokens: 1000, dailyRequests: null });
    expect(input.alertThresholds).toEqual([80, 100]);
  });
});
