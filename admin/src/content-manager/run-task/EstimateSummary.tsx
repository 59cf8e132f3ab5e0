import { Box, Typography } from '@strapi/design-system';
import type { TaskEstimate } from '../../../../shared/contracts/entries';
import { formatCount, formatUsd } from '../../../../shared/format';

/** What the job would send and cost, and what each of the user's budgets leaves for it. */
export const EstimateSummary = ({ estimate }: { estimate: TaskEstimate }) => {
  const blocked = estimate.budget.limits.filter((l) => !l.enough);
  return (
    <Box data-testid="llm-estimate">
      <Typography variant="delta" tag="p">
        Estimate with {estimate.model}
      </Typography>
      <Typography tag="p">
        {formatCount(estimate.calls)} calls · {formatCount(estimate.inputTokens)} input tokens · up
        to {formatCount(estimate.maxOutputTokens)} output tokens
      </Typography>
      <Typography tag="p" data-testid="llm-estimate-cost">
        At most {formatUsd(estimate.costUsd)}
        {estimate.expectedCostUsd !== null
          ? `, about ${formatUsd(estimate.expectedCostUsd)} from this task's history`
          : ''}
      </Typography>
      {estimate.budget.limits.map((l) => (
        <Typography
          key={`${l.budgetName}-${l.window}-${l.metric}`}
          tag="p"
          textColor={l.enough ? 'neutral600' : 'danger600'}
        >
          Budget "{l.budgetName}" ({l.window === 'day' ? 'today' : 'this month'}, {l.metric}):{' '}
          {l.metric === 'cost' ? formatUsd(l.remaining) : formatCount(l.remaining)} left
        </Typography>
      ))}
      {blocked.length > 0 && (
        <Typography tag="p" textColor="danger600" role="alert">
          Your budget may not cover this job: calls will be refused once it is spent.
        </Typography>
      )}
    </Box>
  );
};
