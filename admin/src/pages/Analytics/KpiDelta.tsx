import { Flex, Tooltip, Typography } from '@strapi/design-system';
import type { Format } from '../../hooks/useFormat';
import { useFormat } from '../../hooks/useFormat';
import type { Translate } from '../../hooks/useTranslate';
import { useTranslate } from '../../hooks/useTranslate';
import type { Change, ChangeKind } from './kpiChange';

const TONE_COLOR = { good: 'success600', bad: 'danger600', neutral: 'neutral600' } as const;

const signed = (text: string, value: number) => (value > 0 ? `+${text}` : text);

/** The absolute change in the figure's own unit, with its sign. */
function absoluteText(kind: ChangeKind, change: Change, t: Translate, f: Format): string {
  const value = Number(change.absolute);
  switch (kind) {
    case 'usd':
      return signed(f.usd(String(change.absolute)), value);
    case 'ratio':
      return signed(
        t('kpi.change.points', '{value} pts', {
          value: new Intl.NumberFormat(f.locale, { maximumFractionDigits: 1 }).format(value),
        }),
        value
      );
    case 'ms':
      return signed(t('units.milliseconds', '{value} ms', { value: f.number(value) }), value);
    default:
      return signed(f.count(value), value);
  }
}

/**
 * A tile's change from the previous period: the difference and the percentage, coloured by what a
 * rise means for that figure (the sign says the direction, so colour is never the only cue); 'n/a'
 * when there is nothing to compare with. The previous period's dates are a focus or hover away.
 */
export const KpiDelta = ({
  kind,
  change,
  previous,
  testId,
}: {
  kind: ChangeKind;
  change: Change | null;
  previous: { from: string; to: string } | undefined;
  testId: string;
}) => {
  const t = useTranslate();
  const f = useFormat();
  const text = change
    ? [
        absoluteText(kind, change, t, f),
        change.relative === null ? null : signed(f.percent(change.relative), change.relative),
      ]
        .filter(Boolean)
        .join(' · ')
    : t('kpi.change.none', 'n/a');
  const since = previous
    ? t('kpi.change.since', 'Change from {from} – {to}', {
        from: f.bucket(previous.from),
        to: f.bucket(previous.to),
      })
    : t('kpi.change.unknown', 'No previous period to compare with');
  return (
    <Tooltip label={since}>
      <Flex tag="span" tabIndex={0} aria-label={`${text}. ${since}`} data-testid={testId}>
        <Typography
          variant="pi"
          fontWeight="semiBold"
          textColor={change ? TONE_COLOR[change.tone] : 'neutral500'}
          data-tone={change?.tone ?? 'none'}
        >
          {text}
        </Typography>
      </Flex>
    </Tooltip>
  );
};
