import { resolvePeriod } from '../period';

const NOW = new Date('2026-03-30T10:15:00Z');
const ZONE = 'Europe/Berlin';

/** The message and field of the 400 a query gets, or null when it resolves. */
async function problem(query: Record<string, unknown>) {
  try {
    await resolvePeriod(query, NOW, ZONE);
    return null;
  } catch (error) {
    const e = error as { message: string; details: { errors: Array<{ path: string[] }> } };
    return { message: e.message, field: e.details.errors[0].path.join('.') };
  }
}

describe('the period of a Performance request', () => {
  it('resolves a named range as the Analytics page does, and 30 days without one', async () => {
    expect(await resolvePeriod({ range: '7d' }, NOW, ZONE)).toMatchObject({
      key: '7d',
      from: '2026-03-24',
      to: '2026-03-30',
      bucket: 'day',
    });
    expect((await resolvePeriod({ range: '1d' }, NOW, ZONE)).buckets).toHaveLength(24);
    expect((await resolvePeriod({}, NOW, ZONE)).buckets).toHaveLength(30);
  });

  it('reads from–to as inclusive local days, cut at today; from–to wins over range', async () => {
    const period = await resolvePeriod(
      { range: '7d', from: '2026-03-28', to: '2026-04-03' },
      NOW,
      ZONE
    );
    expect(period).toMatchObject({ key: 'custom', from: '2026-03-28', to: '2026-03-30' });
    expect(period.buckets).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
  });

  it('takes up to 731 days (MAX_PERIOD_DAYS), both ends included', async () => {
    const longest = await resolvePeriod({ from: '2024-03-01', to: '2026-03-01' }, NOW, ZONE);
    expect(longest.buckets).toHaveLength(731);
  });

  it.each([
    [{ range: 'nope' }, 'range'],
    [{ range: ['7d', '30d'] }, 'range'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'from'],
    [{ from: '2026-3-1', to: '2026-03-02' }, 'from'],
    [{ from: '2026-03-01' }, 'to'],
    [{ to: '2026-03-01' }, 'from'],
    [{ from: '2026-03-10', to: '2026-03-01' }, 'from'],
    [{ from: '2026-03-31', to: '2026-04-01' }, 'from'],
    [{ from: '2024-02-29', to: '2026-03-01' }, 'to'],
  ])('refuses %j, naming %s', async (query, field) => {
    const found = await problem(query);
    expect(found?.field).toBe(field);
    expect(found?.message).toContain(field);
  });
});
