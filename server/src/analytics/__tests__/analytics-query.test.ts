import {
  FILTER_KEYS,
  LOG_FILTER_KEYS,
  MAX_FILTER_VALUES,
  parseFilters,
  periodOf,
  searchParamsToQuery,
  toSearchParams,
} from '../../../../shared/analytics-query';

describe('parseFilters (the one parser of the admin URL and the server query)', () => {
  it('reads one value, repeated values (URLSearchParams) and indexed values (qs: model[0]=)', () => {
    expect(parseFilters({ model: '3' }, FILTER_KEYS).filters).toEqual({ model: ['3'] });
    expect(parseFilters({ model: ['3', '5', '3'] }, FILTER_KEYS).filters).toEqual({
      model: ['3', '5'],
    });
    expect(parseFilters({ model: { 0: '3', 1: '5' } }, FILTER_KEYS).filters).toEqual({
      model: ['3', '5'],
    });
  });

  it('keeps keys apart and ignores what is not a filter', () => {
    const { filters, problems } = parseFilters(
      { range: '30d', cursor: 'x', status: 'failure', user: '0', service: 'chat' },
      FILTER_KEYS
    );
    expect(problems).toEqual([]);
    expect(filters).toEqual({ status: ['failure'], user: ['0'], service: ['chat'] });
  });

  it.each([
    ['model', '3; DROP TABLE', 'model must be a record id'],
    ['model', '99999999999', 'model must be a record id'],
    ['user', '-1', 'user must be a record id (0 for the system)'],
    ['status', 'ok', 'status must be one of success, failure, blocked'],
    ['service', 'chats', 'service must be one of'],
    ['contentType', 'article', 'contentType must be a content type uid'],
    ['source', '<script>', 'source must be up to 100 letters or digits'],
  ])('refuses %s=%s, saying why', (key, value, message) => {
    const { filters, problems } = parseFilters({ [key]: value }, FILTER_KEYS);
    expect(filters).toEqual({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('takes the request-log keys only where they are asked for', () => {
    const query = { errorCode: 'provider_timeout', entry: 'api::article.article|abc123' };
    expect(parseFilters(query, FILTER_KEYS).filters).toEqual({});
    expect(parseFilters(query, LOG_FILTER_KEYS).filters).toEqual({
      errorCode: ['provider_timeout'],
      entry: ['api::article.article|abc123'],
    });
    expect(parseFilters({ entry: 'article|1' }, LOG_FILTER_KEYS).problems).toHaveLength(1);
  });

  it('caps the values of one key', () => {
    const many = Array.from({ length: MAX_FILTER_VALUES + 1 }, (_, i) => String(i + 1));
    expect(parseFilters({ model: many }, FILTER_KEYS).problems).toEqual([
      `model takes at most ${MAX_FILTER_VALUES} values`,
    ]);
  });
});

describe('periodOf and toSearchParams', () => {
  it('prefers from/to over range, and drops an unknown range', () => {
    expect(periodOf({ range: '7d', from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(periodOf({ range: '7d' })).toEqual({ range: '7d' });
    expect(periodOf({ range: '8d' })).toEqual({});
  });

  it('writes a stable query string that reads back the same', () => {
    const a = toSearchParams({ range: '90d' }, { status: ['failure'], model: ['5', '3'] });
    const b = toSearchParams({ range: '90d' }, { model: ['3', '5'], status: ['failure'] });
    expect(a.toString()).toBe('range=90d&model=3&model=5&status=failure');
    expect(a.toString()).toBe(b.toString());
    const back = searchParamsToQuery(a);
    expect(parseFilters(back, FILTER_KEYS).filters).toEqual({
      model: ['3', '5'],
      status: ['failure'],
    });
    expect(periodOf(back)).toEqual({ range: '90d' });
  });
});
