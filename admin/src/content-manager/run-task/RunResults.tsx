import { Badge, Box, Flex, Link, TextButton, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { NavLink } from 'react-router-dom';
import { addUsd } from '../../../../shared/format';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import type { EntryResult } from './useTaskRun';

/** How much of a generated text shows before "Show all". */
const EXCERPT = 240;

const stateLabel = (state: EntryResult['state'], t: Translate) =>
  ({
    waiting: t('runTask.result.waiting', 'Waiting'),
    running: t('runTask.result.running', 'Running…'),
    done: t('runTask.result.done', 'Done'),
    failed: t('runTask.result.failed', 'Failed'),
    skipped: t('runTask.result.skipped', 'Not run'),
  })[state];

const BADGE = {
  waiting: { backgroundColor: 'neutral150', textColor: 'neutral600' },
  running: { backgroundColor: 'primary100', textColor: 'primary700' },
  done: { backgroundColor: 'success100', textColor: 'success700' },
  failed: { backgroundColor: 'danger100', textColor: 'danger700' },
  skipped: { backgroundColor: 'neutral150', textColor: 'neutral600' },
} as const;

/** The generated text: its start, and all of it on demand. */
const GeneratedText = ({ text }: { text: string }) => {
  const t = useTranslate();
  const [open, setOpen] = useState(false);
  const long = text.length > EXCERPT;
  return (
    <Box>
      <Typography
        variant="pi"
        tag="p"
        data-testid="llm-run-result-text"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {open || !long ? text : `${text.slice(0, EXCERPT).trimEnd()}…`}
      </Typography>
      {long && (
        <TextButton onClick={() => setOpen(!open)} aria-expanded={open}>
          {open
            ? t('runTask.result.showLess', 'Show less')
            : t('runTask.result.showAll', 'Show all')}
        </TextButton>
      )}
    </Box>
  );
};

const ResultItem = ({ model, result }: { model: string; result: EntryResult }) => {
  const t = useTranslate();
  const format = useFormat();
  const search = result.locale ? `?plugins[i18n][locale]=${result.locale}` : '';
  const cost =
    result.state === 'done'
      ? t('runTask.result.cost', 'Estimated {estimate} · actual {actual}', {
          estimate: format.usd(result.estimateUsd),
          actual: format.usd(result.costUsd),
        })
      : t('runTask.result.estimate', 'Estimated {estimate}', {
          estimate: format.usd(result.estimateUsd),
        });
  return (
    <Box
      tag="li"
      padding={3}
      hasRadius
      background="neutral0"
      borderColor="neutral200"
      data-testid="llm-run-result"
      data-state={result.state}
    >
      <Flex justifyContent="space-between" alignItems="flex-start" gap={2} wrap="wrap">
        <Link
          tag={NavLink}
          to={`/content-manager/collection-types/${model}/${result.documentId}${search}`}
        >
          {result.label}
        </Link>
        <Badge {...BADGE[result.state]}>{stateLabel(result.state, t)}</Badge>
      </Flex>
      <Typography variant="pi" textColor="neutral600" tag="p" data-testid="llm-run-result-cost">
        {cost}
      </Typography>
      {result.state === 'done' && result.text !== undefined && <GeneratedText text={result.text} />}
      {result.error && (
        <Typography variant="pi" tag="p" textColor="danger600" data-testid="llm-run-result-error">
          {result.error.code
            ? t(
                'runTask.result.error',
                '{code}: {message}',
                result.error as { code: string; message: string }
              )
            : result.error.message}
        </Typography>
      )}
    </Box>
  );
};

/** Each selected entry's outcome, and the run's actual cost against its estimate. */
export const RunResults = ({ model, results }: { model: string; results: EntryResult[] }) => {
  const t = useTranslate();
  const format = useFormat();
  const done = results.filter((r) => r.state === 'done');
  // An unpriced call is not $0: the total says how many it leaves out.
  const unpriced = done.filter((r) => r.costUsd === null).length;
  const sum = (values: Array<string | null | undefined>) =>
    values.reduce<string>((total, value) => addUsd(total, value ?? '0'), '0');
  return (
    <Box>
      {done.length > 0 && (
        <Typography tag="p" fontWeight="bold" paddingBottom={2} data-testid="llm-run-total">
          {t('runTask.result.total', 'Actual cost {actual} (estimated {estimate})', {
            actual: format.usd(sum(done.map((r) => r.costUsd))),
            estimate: format.usd(sum(done.map((r) => r.estimateUsd))),
          })}
          {unpriced > 0 &&
            ` · ${t('runTask.result.unpriced', '{count, plural, one {# call unpriced} other {# calls unpriced}}', { count: unpriced })}`}
        </Typography>
      )}
      <Flex tag="ul" direction="column" alignItems="stretch" gap={2} data-testid="llm-run-results">
        {results.map((result) => (
          <ResultItem
            key={`${result.documentId}:${result.locale ?? ''}`}
            model={model}
            result={result}
          />
        ))}
      </Flex>
    </Box>
  );
};
