import type { AnalyticsDocument, BreakdownRow } from '../../../shared/contracts/analytics';

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (=, +, -, @, tab, CR). */
export function neutralize(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: unknown): string {
  const text = neutralize(value === null || value === undefined ? '' : String(value));
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const HEADER = [
  'section',
  'key',
  'label',
  'requests',
  'tokens',
  'cost_usd',
  'unpriced_requests',
  'value',
];

/** What the file covers: the period, the period compared with, the filters, and the comparison's KPIs. */
function headRows(doc: AnalyticsDocument): unknown[][] {
  const { range, comparison } = doc;
  return [
    ['period', range.key, `${range.from} – ${range.to}`, '', '', '', '', range.timeZone],
    ['period', 'previous', `${comparison.from} – ${comparison.to}`, '', '', '', '', ''],
    ...doc.filters.map((f) => ['filter', f.key, f.value, '', '', '', '', f.label]),
    ...Object.entries(comparison.kpis)
      .filter(([key]) => key !== 'latency')
      .map(([key, value]) => ['comparison_kpi', key, key, '', '', '', '', value]),
  ];
}

/** The page's figures as CSV: one row per figure, a `section` column saying where it stands. */
export function toCsv(doc: AnalyticsDocument): string {
  const rows: unknown[][] = [HEADER, ...headRows(doc)];
  for (const [key, value] of Object.entries(doc.kpis)) {
    if (key === 'latency') continue;
    rows.push(['kpi', key, key, '', '', '', '', value]);
  }
  // Latency is two figures (and the calls they describe), each on its own row.
  const latency = (section: string, key: string, figures: AnalyticsDocument['kpis']['latency']) => {
    rows.push([section, `${key}p50_ms`, `${key}p50_ms`, figures.calls, '', '', '', figures.p50Ms]);
    rows.push([section, `${key}p95_ms`, `${key}p95_ms`, figures.calls, '', '', '', figures.p95Ms]);
  };
  latency('kpi', 'latency_', doc.kpis.latency);
  for (const row of doc.latencyByService) latency('latency_by_service', `${row.service}_`, row);
  for (const p of doc.trend)
    rows.push(['trend', p.bucket, p.label, p.requests, p.tokens, p.costUsd, '', p.failures]);
  for (const p of doc.trend)
    rows.push([
      'trend_cache_savings',
      p.bucket,
      p.label,
      p.cacheReadTokens,
      p.cacheWriteTokens,
      p.cacheSavingsUsd,
      '',
      '',
    ]);
  const breakdown = (section: string, list: BreakdownRow[]) => {
    for (const r of list)
      rows.push([section, r.key, r.label, r.requests, r.tokens, r.costUsd, r.unpricedRequests, '']);
  };
  for (const [name, list] of Object.entries(doc.breakdowns)) breakdown(`by_${name}`, list);
  breakdown('top_entry', doc.topEntries);
  for (const r of doc.roles)
    rows.push([
      'role',
      r.key,
      r.label,
      r.requests,
      r.tokens,
      r.costUsd,
      r.unpricedRequests,
      r.members,
    ]);
  for (const u of doc.users) {
    rows.push([
      'user',
      u.userId ?? 'system',
      u.name,
      u.requests,
      u.tokens,
      u.costUsd,
      u.unpricedRequests,
      u.email ?? '',
    ]);
  }
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
