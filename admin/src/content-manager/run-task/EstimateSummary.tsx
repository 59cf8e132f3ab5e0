import { Box, Typography } from '@strapi/design-system';
import type { TaskEstimate } from '../../../../shared/contracts/entries';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';

type Limit = TaskEstimate['budget']['limits'][number];

/** What one of the user's budgets leaves for the job, in red when it is not enough. */
const BudgetLimit = ({ limit }: { limit: Limit }) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <Typography tag="p" textColor={limit.enough ? 'neutral600' : 'danger600'}>
      {t(
        'runTask.estimate.budget',
        'Budget "{name}" ({period, select, day {today} other {this month}}, {metric, select, cost {cost} tokens {tokens} other {requests}}): {remaining} left',
        {
          name: limit.budgetName,
          period: limit.window,
          metric: limit.metric,
          remaining:
            limit.metric === 'cost' ? format.usd(limit.remaining) : format.count(limit.remaining),
        }
      )}
    </Typography>
  );
};

/** What the job would send and cost, and what each of the user's budgets leaves for it. */
export const EstimateSummary = ({ estimate }: { estimate: TaskEstimate }) => {
  const t = useTranslate();
  const format = useFormat();
  const blocked = estimate.budget.limits.filter((l) => !l.enough);
  const cost = { cost: format.usd(estimate.costUsd) };
  return (
    <Box data-testid="llm-estimate">
      <Typography variant="delta" tag="p">
        {t('runTask.estimate.title', 'Estimate with {model}', { model: estimate.model })}
      </Typography>
      <Typography tag="p">
        {t(
          'runTask.estimate.volume',
          '{count, plural, one {{calls} call} other {{calls} calls}} · {input} input tokens · up to {output} output tokens',
          {
            count: estimate.calls,
            calls: format.count(estimate.calls),
            input: format.count(estimate.inputTokens),
            output: format.count(estimate.maxOutputTokens),
          }
        )}
      </Typography>
      <Typography tag="p" data-testid="llm-estimate-cost">
        {estimate.expectedCostUsd === null
          ? t('runTask.estimate.cost', 'At most {cost}', cost)
          : t(
              'runTask.estimate.costWithHistory',
              'At most {cost}, about {expected} from this task’s history',
              {
                ...cost,
                expected: format.usd(estimate.expectedCostUsd),
              }
            )}
      </Typography>
      {estimate.budget.limits.map((l) => (
        <BudgetLimit key={`${l.budgetName}-${l.window}-${l.metric}`} limit={l} />
      ))}
      {blocked.length > 0 && (
        <Typography tag="p" textColor="danger600" role="alert">
          {t(
            'runTask.estimate.notEnough',
            'Your budget may not cover this job: calls will be refused once it is spent.'
          )}
        </Typography>
      )}
    </Box>
  );
};
