/** The evidence library's shape (src/evidence/*.yaml); see docs/MODEL.md "Evidence library". */

export type Design = 'RCT' | 'pilot RCT' | 'meta-analysis of RCTs' | 'quasi-experimental' | 'cost-benefit model' | 'SROI' | 'expert judgement';

export interface ArmCounts {
  events: number;
  total: number;
}

export interface Effect {
  /** As the study reports it: odds ratio, relative risk, standardised mean difference, return per £1, … */
  measure: string;
  point?: number;
  low?: number;
  high?: number;
  unit?: string;
  intervention?: ArmCounts;
  control?: ArmCounts;
  intervention_value?: number;
  control_value?: number;
  note?: string;
}

export interface EvidenceEntry {
  id: string;
  title: string;
  outcome: string;
  population: string;
  setting: string;
  design: Design;
  effect: Effect;
  dose?: { sessions?: number; months?: number; note?: string };
  follow_up_months?: number | null;
  citation: string;
  url?: string;
  verified: boolean;
  /** What could not be confirmed at source, when `verified` is false. */
  unverified?: string;
  verified_note?: string;
  grade: number;
}

export interface UnitCost {
  id: string;
  title: string;
  value: number;
  low?: number;
  high?: number;
  unit: string;
  price_year: string;
  source: string;
  licence: string;
  uprate_with: string;
  /** Who gains from the value and how (docs/MODEL.md §7.6): a benefit stream's defaults. */
  payer?: string;
  /** The kind of gain (a scenario stream's `kind`; named apart from the listings' own `kind`). */
  benefit_kind?: string;
  /** Share of the value that is a transfer saved by DWP/HM Treasury (default 0). */
  transfer_share?: number;
  verified: boolean;
  unverified?: string;
}

export interface PriceIndex {
  title: string;
  source: string;
  licence?: string;
  unit?: string;
  series?: Record<string, number>;
  note?: string;
  /** Whether the series' figures were confirmed at source; `unverified` says what was not. */
  verified?: boolean;
  unverified?: string;
}

export interface EvidenceLibrary {
  id: string;
  title: string;
  reviewed: string;
  /** Grade → label, description and the optimism-bias haircut on a stream's benefit (an assumption). */
  grades: Record<string, { label: string; description: string; haircut?: number }>;
  entries: EvidenceEntry[];
  unit_costs: UnitCost[];
  indices: Record<string, PriceIndex>;
}
