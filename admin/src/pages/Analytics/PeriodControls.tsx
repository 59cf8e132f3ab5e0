import { Button, DatePicker, Field, Flex, IconButton } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import { useState } from 'react';
import type { PeriodQuery } from '../../../../shared/analytics-query';
import type { AnalyticsPeriod, DayPeriod } from '../../../../shared/contracts/analytics';
import { useTranslate } from '../../hooks/useTranslate';

/**
 * A picked calendar day as 'YYYY-MM-DD'. The date picker hands a Date at local midnight, so the
 * local fields are the day the person clicked (an ISO string would be a day off east of UTC).
 */
const dayKey = (date: Date) =>
  [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
const dateOf = (key: string | undefined) => {
  const [y, m, d] = (key ?? '').slice(0, 10).split('-').map(Number);
  return y && m && d ? new Date(y, m - 1, d) : undefined;
};

interface DayFieldProps {
  name: 'from' | 'to';
  label: string;
  value: string | undefined;
  onChange: (day: string | undefined) => void;
}

const DayField = ({ name, label, value, onChange }: DayFieldProps) => {
  const t = useTranslate();
  return (
    <Field.Root name={name} id={`llm-period-${name}`}>
      <Field.Label>{label}</Field.Label>
      <DatePicker
        size="S"
        value={dateOf(value)}
        maxDate={new Date()}
        onChange={(date) => onChange(date ? dayKey(date) : undefined)}
        clearLabel={t('analytics.period.clear', 'Clear the date')}
        data-testid={`llm-period-${name}`}
      />
    </Field.Root>
  );
};

/**
 * A from–to of days (both included) set as ?from=&to= with the filters kept. It starts from the
 * period on screen; Apply is there so half a period is never sent.
 */
export const CustomPeriod = ({
  shown,
  onApply,
}: {
  shown: Pick<AnalyticsPeriod, 'from' | 'to'> | undefined;
  onApply: (period: PeriodQuery) => void;
}) => {
  const t = useTranslate();
  const [from, setFrom] = useState(shown?.from.slice(0, 10));
  const [to, setTo] = useState(shown?.to.slice(0, 10));
  return (
    <Flex
      tag="form"
      gap={2}
      alignItems="flex-end"
      wrap="wrap"
      aria-label={t('analytics.period.custom', 'Custom period')}
      onSubmit={(event: React.FormEvent) => {
        event.preventDefault();
        if (from && to) onApply({ from, to });
      }}
    >
      <DayField
        name="from"
        label={t('analytics.period.from', 'From')}
        value={from}
        onChange={setFrom}
      />
      <DayField name="to" label={t('analytics.period.to', 'To')} value={to} onChange={setTo} />
      <Button
        type="submit"
        variant="secondary"
        size="S"
        disabled={!from || !to}
        data-testid="llm-period-apply"
      >
        {t('analytics.period.apply', 'Apply')}
      </Button>
    </Flex>
  );
};

/** The period before and after this one (calendar months and custom periods); none past today. */
export const PeriodSteps = ({
  navigation,
  onStep,
}: {
  navigation: AnalyticsPeriod['navigation'];
  onStep: (period: DayPeriod) => void;
}) => {
  const t = useTranslate();
  if (!navigation) return null;
  const { previous, next } = navigation;
  return (
    <Flex gap={1}>
      <IconButton
        label={t('analytics.period.previous', 'Previous period')}
        disabled={!previous}
        onClick={() => previous && onStep(previous)}
        data-testid="llm-period-previous"
      >
        <ChevronLeft />
      </IconButton>
      <IconButton
        label={t('analytics.period.next', 'Next period')}
        disabled={!next}
        onClick={() => next && onStep(next)}
        data-testid="llm-period-next"
      >
        <ChevronRight />
      </IconButton>
    </Flex>
  );
};
