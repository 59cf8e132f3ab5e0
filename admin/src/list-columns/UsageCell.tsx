import { Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import type { UsageColumnKind, UsageFigures } from '../../../shared/contracts/usage-columns';
import { formatCount, formatUsd } from '../../../shared/format';
import { loadFigures } from './loader';

export type UsageMetric = 'cost' | 'requests' | 'tokens';

function text(figures: UsageFigures, metric: UsageMetric): string {
  if (metric === 'requests') return formatCount(figures.requests);
  if (metric === 'tokens') return formatCount(figures.tokens);
  const priced = figures.requests - figures.unpricedRequests;
  if (priced === 0) return 'unpriced';
  // A free model with usage is "~$0.00", not blank and not "$0".
  const cost = formatUsd(figures.costUsd, { approximate: Number(figures.costUsd) === 0 });
  return figures.unpricedRequests > 0 ? `${cost} + ${figures.unpricedRequests} unpriced` : cost;
}

/** One cell of a list view's usage columns: blank without usage in the last 30 days. */
export const UsageCell = ({
  kind,
  id,
  metric,
}: {
  kind: UsageColumnKind;
  id: number;
  metric: UsageMetric;
}) => {
  const [figures, setFigures] = useState<UsageFigures | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadFigures(kind, id).then(
      (f) => live && setFigures(f),
      () => live && setFigures(null)
    );
    return () => {
      live = false;
    };
  }, [kind, id]);
  if (!figures) return null;
  return (
    <Typography
      textColor="neutral800"
      data-testid={`llm-usage-${metric}`}
      onClick={(e: React.MouseEvent) => e.stopPropagation()}
    >
      {text(figures, metric)}
    </Typography>
  );
};
