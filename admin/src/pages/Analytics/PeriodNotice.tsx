import { Alert } from '@strapi/design-system';
import { useState } from 'react';
import type { PeriodNote } from '../../../../shared/contracts/analytics';
import { MAX_PERIOD_DAYS } from '../../../../shared/contracts/analytics';
import { msg, useTranslate, type Message } from '../../hooks/useTranslate';

const NOTES: Record<PeriodNote, Message> = {
  'invalid-date': msg(
    'analytics.period.note.invalid-date',
    'One of the dates asked for is not a real date: the default period is shown instead.'
  ),
  reversed: msg(
    'analytics.period.note.reversed',
    'The start date asked for is after the end date: the default period is shown instead.'
  ),
  'too-long': msg(
    'analytics.period.note.too-long',
    'A period can cover at most {days} days: the default period is shown instead.'
  ),
  future: msg(
    'analytics.period.note.future',
    'The period asked for starts after today: the default period is shown instead.'
  ),
};

/** Why the period on screen is not the one in the link: the server fell back instead of failing. */
export const PeriodNotice = ({ note }: { note: PeriodNote | null | undefined }) => {
  const t = useTranslate();
  const [closed, setClosed] = useState<PeriodNote | null>(null);
  if (!note || closed === note) return null;
  return (
    <Alert
      variant="warning"
      closeLabel={t('analytics.period.note.close', 'Close')}
      onClose={() => setClosed(note)}
      title={t('analytics.period.note.title', 'Another period is shown')}
      data-testid="llm-period-note"
    >
      {t(NOTES[note], { days: MAX_PERIOD_DAYS })}
    </Alert>
  );
};
