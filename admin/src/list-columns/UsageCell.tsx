import { Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import type { UsageColumnKind, UsageFigures } from '../../../shared/contracts/usage-columns';
import { useFormat, type Format } from '../hooks/useFormat';
import { useTranslate, type Translate } from '../hooks/useTranslate';
import { loadFigures } from './loader';

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

/** Tokens, or what a unit-priced row counts instead (images, characters, seconds): never "0" beside a cost. */
function volume(figures: UsageFigures, t: Translate, format: Format): string {
  const units = figures.units ?? 0;
  if (units === 0) return format.count(figures.tokens);
  const values = { count: units, units: format.count(units) };
  const unitText =
    figures.unitKind === 'images'
      ? t(
          'listColumns.images',
          '{count, plural, one {{units} image} other {{units} images}}',
          values
        )
      : figures.unitKind === 'characters'
        ? t(
            'listColumns.characters',
            '{count, plural, one {{units} character} other {{units} characters}}',
            values
          )
        : figures.unitKind === 'seconds'
          ? t(
              'listColumns.seconds',
              '{count, plural, one {{units} second} other {{units} seconds}}',
              values
            )
          : t(
              'listColumns.units',
              '{count, plural, one {{units} unit} other {{units} units}}',
              values
            );
  return figures.tokens === 0
    ? unitText
    : t('listColumns.tokensAndUnits', '{tokens} + {units}', {
        tokens: format.count(figures.tokens),
        units: unitText,
      });
}

function text(figures: UsageFigures, metric: UsageMetric, t: Translate, format: Format): string {
  if (metric === 'requests') return format.count(figures.requests);
  if (metric === 'tokens') return volume(figures, t, format);
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
