/**
 * Delivery (docs/MODEL.md §5.1): how much of the team's time reaches service users.
 * (Episodes started from it, Little's law, are in benefits.ts.)
 */
import type { Formula } from './formula.js';

/**
 * Share of a paid month that is the worker's own supervision: s_sup = supervision hours a
 * month / paid hours a month at 1.0 WTE (4 / 162.95 at the reference values).
 */
export function supervisionShare(supervisionHours: number, paidHoursPerMonth: number): number {
  return supervisionHours / paidHoursPerMonth;
}

/**
 * Share of a WTE each head spends delivering: max(0, c − s_sup), where c is the capacity per
 * head (1 for paid staff, hours_per_week / 37.5 for volunteers).
 */
export function deliveryShare(capacity: number, supervisionShareOfMonth: number): number {
  return Math.max(0, capacity - supervisionShareOfMonth);
}

/**
 * Productive WTE in a month: ((P − I) × delivery share + I × backfill_share × c) × (1 − s(t)), s(t) the month's sickness absence (§3.4),
 * P − I the caseload-carrying WTE and I the WTE in induction.
 */
export function productiveWte(carrying: number, inInduction: number, share: number, backfill: number, capacity: number, sickness: number): number {
  return (carrying * share + inInduction * backfill * capacity) * (1 - sickness);
}

/** The delivery formulas as `explain` shows them (docs/MODEL.md §5.1). */
export const FORMULAS = {
  supervisionShare: { text: 's_sup = hours_per_worker_per_month / (hours_per_week × weeks_per_year / 12)', section: '§5.1' },
  productive: { text: '((P − I) × max(0, c − s_sup) + I × backfill_share × c) × (1 − s(t)), s(t) the sickness absence at the team\'s burnout (§3.4), c = 1 for paid staff, hours_per_week / 37.5 for volunteers', section: '§5.1' },
} as const satisfies Record<string, Formula>;
