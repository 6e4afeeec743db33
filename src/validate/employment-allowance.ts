/**
 * The Employment Allowance a team can count on (docs/MODEL.md §1.3). The allowance (£10,500
 * in 2025/26) is per employer and its other staff's NI uses it first, so by default a team
 * gets its share of the employer's pay bill: allowance × min(1, team pay / employer pay
 * bill). A scenario says `employer.employment_allowance_unused_elsewhere: true` when the
 * employer's other staff leave it unused, and the team gets it all.
 */

export interface ApportionedAllowance {
  /** £ a tax year, to the penny. */
  value: number;
  /** The team's share of the employer's pay bill (1 when the allowance is otherwise unused). */
  share: number;
  /** The team's annual pay at 1.0 WTE × funded WTE, £ (reference-table prices). */
  teamPay: number;
}

/** allowance × min(1, teamPay / employerPaybill), or the whole allowance when it is otherwise unused or there is no pay bill to share. */
export function apportionedAllowance(allowance: number, teamPay: number, employerPaybill: number, unusedElsewhere: boolean): ApportionedAllowance {
  const share = unusedElsewhere || employerPaybill <= 0 ? 1 : Math.min(1, Math.max(0, teamPay) / employerPaybill);
  return { value: Math.round(allowance * share * 100) / 100, share, teamPay };
}
