import { Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import type { UsageColumnKind, UsageFigures } from '../../../shared/contracts/usage-columns';
import { useFormat, type Format } from '../hooks/useFormat';
import { useTranslate, type Translate } from '../hooks/useTranslate';
import { loadFigures } from './loader';
import { volumeText } from './unitText';

export type UsageMetric = 'cost' | 'requests' | 'tokens';

function cost(figures: UsageFigures, t: Translate, format: Format): string {
  const priced = figures.requests - figures.unpricedRequests;
  if (priced === 0) return t('listColumns.unpriced', 'unpriced');
  // A free model with usage is "~$0.00", not blank and not "$0".
  const usd = format.usd(figures.costUsd, { approximate: Number(figures.costUsd) === 0 });
  return figures.unpricedRequests > 0
    ? t('listColumns.costAndUnpriced', '{cost} + {count} unpriced', {
        cost: usd,
        count: figures.unpricedRequests,
      })
    : usd;
}

function text(figures: UsageFigures, metric: UsageMetric, t: Translate, format: Format): string {
  if (metric === 'requests') return format.count(figures.requests);
  if (metric === 'tokens') return volumeText(figures, t, format);
  return cost(figures, t, format);
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
  const t = useTranslate();
  const format = useFormat();
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
      {text(figures, metric, t, format)}
    </Typography>
  );
};
