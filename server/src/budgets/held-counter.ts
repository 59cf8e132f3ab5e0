import type { CounterKey, Period } from './counter-table';
import type { BudgetRecord, WindowLimits } from './limits';

/** A budget's counter that one call holds room on, with the period it was reserved in. */
export interface HeldCounter {
  counter: CounterKey;
  /** The counter row: settlements go to this row only (a recount replaces it). */
  rowId: number;
  budget: BudgetRecord;
  limits: WindowLimits[];
  period: Period;
}

/** The lease a counter's room is kept under on this instance: one per counter and local day. */
export const leaseIdOf = (counter: CounterKey, period: Period) =>
  `${counter.budgetId}|${counter.subjectId}|${period.day}`;

export const leaseId = (held: HeldCounter) => leaseIdOf(held.counter, held.period);
