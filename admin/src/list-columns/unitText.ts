import type { UsageUnitKind } from '../../../shared/contracts/usage-columns';
import type { Format } from '../hooks/useFormat';
import type { Translate } from '../hooks/useTranslate';

/** "3 images", "1,204 characters", "95 seconds"; "12 units" when the kind is mixed or unknown. */
export function unitText(
  units: number,
  kind: UsageUnitKind | null | undefined,
  t: Translate,
  format: Format
): string {
  const values = { count: units, units: format.count(units) };
  if (kind === 'images')
    return t(
      'listColumns.images',
      '{count, plural, one {{units} image} other {{units} images}}',
      values
    );
  if (kind === 'characters')
    return t(
      'listColumns.characters',
      '{count, plural, one {{units} character} other {{units} characters}}',
      values
    );
  if (kind === 'seconds')
    return t(
      'listColumns.seconds',
      '{count, plural, one {{units} second} other {{units} seconds}}',
      values
    );
  return t(
    'listColumns.units',
    '{count, plural, one {{units} unit} other {{units} units}}',
    values
  );
}

/** Tokens, or what a unit-priced row counts instead: never "0 tokens" beside a cost. */
export function volumeText(
  figures: { tokens: number; units?: number; unitKind?: UsageUnitKind | null },
  t: Translate,
  format: Format
): string {
  const units = figures.units ?? 0;
  if (units === 0) return format.count(figures.tokens);
  const text = unitText(units, figures.unitKind, t, format);
  return figures.tokens === 0
    ? text
    : t('listColumns.tokensAndUnits', '{tokens} + {units}', {
        tokens: format.count(figures.tokens),
        units: text,
      });
}
