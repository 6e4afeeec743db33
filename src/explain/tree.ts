/**
 * `explain(projected, reference, { metric, scope })`: the calculation tree of one figure,
 * from the figure down to the scenario inputs and reference values it rests on
 * (docs/OUTPUT.md, "explain"). Pure: no I/O.
 *
 * Numbers come from the engine's full-detail result (months and years), never from a
 * second implementation of the model, so every value in the tree is the value `run`
 * prints. Only the per-month quantities the result does not carry (annual pay, on-costs
 * and the supervisor's hourly cost of each month, hazard multipliers) are recomputed,
 * with the engine's own formula functions. Benefit streams are split out by projecting
 * the scenario once per stream: streams do not affect one another or the workforce.
 *
 * A step used in several places (in-post WTE feeds every cost component) is expanded
 * where it first appears; later appearances show their own value and point back to it
 * with `see`, which keeps the tree finite where the model loops (burnout → leaving →
 * vacancies → caseload → burnout) and short where years repeat.
 */
import type { Projected } from '../render/document.js';
import type { ReferenceData } from '../reference/types.js';
import { citation, referenceEntries, type ReferenceEntry } from '../reference/entries.js';
import type { CostComponent, MonthResult, ScenarioResult, YearResult } from '../engine/result.js';
import { COST_COMPONENTS } from '../engine/result.js';
import { BURNOUT_DRIVERS, type BurnoutDriver, type PayPoint, type Scenario } from '../scenario/types.js';
import type { OriginMap } from '../scenario/origin.js';
import { isPercentPath } from '../scenario/fields.js';
import { getAt } from '../read/source.js';
import { project } from '../engine/project.js';
import { annualEmploymentCost, basicSalary, hcasAmount, hourlyCost, levyRate, niContribution, pensionTerms, type PensionTerms } from '../engine/pay.js';
import { contractMultiplier, contractTerms, fillRate, termEndSeparation, type ContractTerms } from '../engine/workforce.js';
import { burnoutLeavingMultiplier } from '../engine/burnout.js';
import { costLabel } from '../render/run-layout.js';
import { VERSION } from '../version.js';
import type { ExplainDocument, ExplainNode, ExplainOrigin, ExplainValue, ScopeKind } from './node.js';
import { isCostComponent, metricLabel, type ScopeRequest } from './metrics.js';

export interface ExplainOptions {
  metric: string;
  scope: ScopeRequest;
  /** The unit of a scenario input (the scenario schema's `x-unit`), when known. */
  inputUnit?: (path: string) => string | undefined;
}

interface Scope {
  kind: ScopeKind;
  label: string;
  months: readonly MonthResult[];
  year?: YearResult;
}

type Agg = 'mean' | 'level' | 'sum';
type Head = Omit<ExplainNode, 'children'>;

const PENCE = 100;
const pence = (pounds: number): number => Math.round(pounds * PENCE);
/** Money adds in whole pence, as the engine adds it, so sums are exact. */
const sumPounds = (values: readonly number[]): number => values.reduce((acc, v) => acc + pence(v), 0) / PENCE;
const diffPounds = (a: number, b: number): number => (pence(a) - pence(b)) / PENCE;

/**
 * `mean`: Σ / n in the engine's order of addition, so it is the mean `run` reports, to
 * the last bit. `level`: the same, except that a constant (annual pay within a year, a
 * hazard multiplier) is given as itself, not as a sum divided back.
 */
function meanOf(months: readonly MonthResult[], f: (m: MonthResult) => number, agg: 'mean' | 'level'): number {
  const first = f(months[0] as MonthResult);
  let same = true;
  let sum = 0;
  for (const m of months) {
    const v = f(m);
    sum += v;
    if (v !== first) same = false;
  }
  return agg === 'level' && same ? first : sum / months.length;
}

function sumOf(months: readonly MonthResult[], f: (m: MonthResult) => number): number {
  let sum = 0;
  for (const m of months) sum += f(m);
  return sum;
}

const COMPONENT_FORMULA: Record<CostComponent, string> = {
  pay: 'P(t) × A / 12 (volunteers: P(t) × expenses_per_volunteer_per_year / 12)',
  employer_ni: 'P(t) × NI(A) / 12, less the Employment Allowance left in the tax year (never below zero)',
  pension: 'P(t) × pension(A) / 12; pension(A) = rate × max(0, min(A, cap) − floor) (floor and cap only for auto_enrolment)',
  levy: 'P(t) × levy rate × A / 12 (levy rate 0 when employer.annual_paybill ≤ the threshold)',
  supervision: 'P(t) × (hours_per_worker_per_month + volunteer coordinator hours) × supervisor hourly cost',
  training: 'N(t) × induction_course_cost_per_starter + I(t) × backfill_share × E / 12 + P(t) × cpd_cost_per_wte_per_year / 12',
  recruitment: 'N(t) × recruitment_cost_per_hire',
  overheads: 'overhead_rate × (the seven components above)',
};

const DRIVER_LABEL: Record<BurnoutDriver, string> = {
  supervision: 'Supervision odds ratio',
  insecurity: 'Insecurity odds ratio',
  isolation: 'Isolation odds ratio',
  pay: 'Pay odds ratio',
  caseload: 'Caseload odds ratio',
  training: 'Training odds ratio',
};

class TreeBuilder {
  private readonly s: Scenario;
  private readonly r: ScenarioResult;
  private readonly origins: OriginMap;
  private readonly entries: Map<string, ReferenceEntry>;
  /** Concept key → the node where it is expanded. */
  private readonly expanded = new Map<string, ExplainNode>();
  /** Pointer node → the node it points to (ids are given in print order at the end). */
  private readonly pointers = new Map<ExplainNode, ExplainNode>();
  private readonly streams = new Map<number, MonthResult[]>();
  private readonly terms: ContractTerms;
  private readonly paid: boolean;
  private readonly basic: number;
  private readonly pay0: number;
  private readonly supBasic: number;
  private readonly supPay0: number;
  private readonly pension: PensionTerms;
  private readonly levy: number;

  constructor(
    private readonly projected: Projected,
    private readonly ref: ReferenceData,
    private readonly unitOf: (path: string) => string | undefined,
  ) {
    this.s = projected.scenario;
    this.r = projected.result;
    this.origins = projected.loaded.origins;
    this.entries = new Map(referenceEntries(ref).map((e) => [e.key, e]));
    const wf = this.s.workforce;
    const sup = this.s.supervision.supervisor;
    this.terms = contractTerms(wf.contract, ref);
    this.paid = this.terms.type !== 'voluntary';
    this.basic = basicSalary(ref, wf.band, wf.pay_point, wf.salary);
    // As the engine's plan: annual pay at reference prices, basic + HCAS (0 for volunteers).
    this.pay0 = this.paid ? this.basic + hcasAmount(ref, wf.high_cost_area, this.basic) : 0;
    this.supBasic = basicSalary(ref, sup.band, sup.pay_point, null);
    this.supPay0 = this.supBasic + hcasAmount(ref, wf.high_cost_area, this.supBasic);
    this.pension = pensionTerms(ref, this.s.finance.pension);
    this.levy = levyRate(ref, this.s.employer.annual_paybill);
  }

  // ---- Scopes -------------------------------------------------------------------------

  horizon(): Scope {
    const ms = this.r.months;
    return { kind: 'horizon', label: `${(ms[0] as MonthResult).month} to ${(ms[ms.length - 1] as MonthResult).month}`, months: ms };
  }

  yearScope(y: YearResult): Scope {
    return { kind: 'year', label: y.year, months: this.r.months.filter((m) => m.fiscal_year === y.year), year: y };
  }

  monthScope(m: MonthResult): Scope {
    return { kind: 'month', label: m.month, months: [m] };
  }

  scopeFor(request: ScopeRequest): Scope {
    if (request.kind === 'year') return this.yearScope(this.r.years.find((y) => y.year === request.year) as YearResult);
    if (request.kind === 'month') return this.monthScope(this.r.months.find((m) => m.month === request.month) as MonthResult);
    return this.horizon();
  }

  private years(scope: Scope): Scope[] {
    return this.r.years.filter((y) => scope.months.some((m) => m.fiscal_year === y.year)).map((y) => this.yearScope(y));
  }

  // ---- Leaves -------------------------------------------------------------------------

  private origin(path: string): ExplainOrigin | undefined {
    const o = this.origins[path];
    if (o === undefined) return undefined;
    return o.kind === 'reference' ? { ...o, citation: citation(this.ref, o.source) } : o;
  }

  input(path: string): ExplainNode {
    const raw = getAt(this.s, path);
    const value: ExplainValue = Array.isArray(raw) ? null : (raw as ExplainValue);
    const schemaUnit = this.unitOf(path);
    const unit = isPercentPath(path) && typeof value === 'number' ? 'fraction' : schemaUnit ?? (typeof value === 'number' ? 'number' : 'text');
    const origin = this.origin(path);
    return { label: path, value, unit, input: path, ...(origin ? { origin } : {}), children: [] };
  }

  refValue(key: string, label: string): ExplainNode {
    let value: ExplainValue;
    let unit: string;
    let source: string;
    if (key === 'valid_from') {
      // The tables' date sits at the top of the data set; it is the pay tables' own date.
      value = this.ref.valid_from;
      unit = 'YYYY-MM';
      source = this.ref.pay.bands.source;
    } else {
      const e = this.entries.get(key);
      if (!e) throw new Error(`explain: the reference data has no value ${key}`);
      value = e.value as ExplainValue;
      unit = e.unit;
      source = e.source;
    }
    const origin: ExplainOrigin = { kind: 'reference', dataset: this.ref.id, key, source, citation: citation(this.ref, source) };
    return { label, value, unit, reference: key, origin, children: [] };
  }

  // ---- Shared steps -------------------------------------------------------------------

  /** A step expanded where it first appears; elsewhere a pointer carrying its own value. */
  private concept(key: string, head: Head, children: () => ExplainNode[]): ExplainNode {
    const first = this.expanded.get(key);
    if (first) {
      const pointer: ExplainNode = { label: head.label, value: head.value, unit: head.unit, children: [] };
      this.pointers.set(pointer, first);
      return pointer;
    }
    const node: ExplainNode = { ...head, children: [] };
    this.expanded.set(key, node);
    node.children = children();
    return node;
  }

  private series(
    key: string,
    scope: Scope,
    agg: Agg,
    head: { label: string; unit: string; section: string; formula: string },
    value: (m: MonthResult) => number,
    children: () => ExplainNode[],
  ): ExplainNode {
    const many = scope.months.length > 1;
    const v = agg === 'sum' ? sumOf(scope.months, value) : meanOf(scope.months, value, agg);
    // A constant over the period (annual pay within a year) is just the value, not a mean.
    const first = value(scope.months[0] as MonthResult);
    const varies = many && scope.months.some((m) => value(m) !== first);
    const label = agg !== 'sum' && varies ? `${head.label}, mean` : many && agg === 'sum' ? `${head.label}, total` : head.label;
    return this.concept(key, { label, value: v, unit: head.unit, formula: head.formula, section: head.section }, children);
  }

  private fixed(key: string, head: Head, children: () => ExplainNode[]): ExplainNode {
    return this.concept(key, head, children);
  }

  // Workforce (§2)

  inPost(scope: Scope): ExplainNode {
    return this.series('inPost', scope, 'mean', {
      label: 'WTE in post P(t)', unit: 'WTE', section: '§2.4', formula: 'P(0) = starting WTE; P(t + 1) = P(t)(1 − H(t)) + N(t)',
    }, (m) => m.wte_in_post, () => [this.input('workforce.starting_wte'), this.hazard(scope), this.hires(scope)]);
  }

  funded(scope: Scope): ExplainNode {
    const changes = this.s.workforce.funding_changes;
    return this.series('funded', scope, 'mean', {
      label: 'Funded WTE F(t)', unit: 'WTE', section: '§2.1',
      formula: 'workforce.funded_wte, replaced from each funding change\'s month (the latest change in effect wins)',
    }, (m) => m.funded_wte, () => [
      this.input('workforce.funded_wte'),
      ...(changes.length === 0
        ? [this.input('workforce.funding_changes')]
        : changes.flatMap((_, i) => [this.input(`workforce.funding_changes[${i}].from`), this.input(`workforce.funding_changes[${i}].funded_wte`)])),
    ]);
  }

  vacancies(scope: Scope): ExplainNode {
    return this.series('vacancies', scope, 'mean', {
      label: 'Vacant WTE V(t)', unit: 'WTE', section: '§2.1', formula: 'V(t) = max(0, F(t) − P(t))',
    }, (m) => m.vacancies_wte, () => [this.funded(scope), this.inPost(scope)]);
  }

  hazard(scope: Scope): ExplainNode {
    return this.series('hazard', scope, 'level', {
      label: 'Leaver hazard H(t)', unit: 'fraction', section: '§2.2–2.3',
      formula: 'H(t) = 1 − (1 − h(t))(1 − e(t)); h(t) = 1 − (1 − r)^(M(t)/12), M(t) = contract multiplier × burnout multiplier',
    }, (m) => m.leaver_hazard, () => [
      this.input(this.paid ? 'turnover.annual_leaver_rate' : 'volunteers.annual_leaver_rate'),
      this.contractMultiplier(scope),
      this.burnoutMultiplier(scope),
      ...(this.terms.type === 'fixed_term' ? [this.termEnd(scope)] : []),
    ]);
  }

  contractMultiplier(scope: Scope): ExplainNode {
    const type = this.terms.type;
    const formula =
      type === 'permanent'
        ? '1 for a permanent post'
        : type === 'fixed_term'
          ? 'the insecurity multiplier in the W months before a term end (m(t) ≤ W), else 1; m(t) = T − (t mod T)'
          : `contracts.${type}_hazard_multiplier in every month`;
    const byType: ExplainNode[] =
      type === 'fixed_term'
        ? [
            this.input('workforce.contract.term_months'),
            this.refValue('contracts.insecurity_window_months', 'insecurity window W'),
            this.refValue('contracts.insecurity_hazard_multiplier', 'insecurity hazard multiplier'),
          ]
        : type === 'permanent'
          ? []
          : [this.refValue(`contracts.${type}_hazard_multiplier`, `${type} hazard multiplier`)];
    return this.series('contractMultiplier', scope, 'level', { label: 'Contract hazard multiplier', unit: 'factor', section: '§2.3', formula },
      (m) => contractMultiplier(this.terms, m.index), () => [this.input('workforce.contract.type'), ...byType]);
  }

  termEnd(scope: Scope): ExplainNode {
    return this.series('termEnd', scope, 'level', {
      label: 'Term-end separation e(t)', unit: 'fraction', section: '§2.3',
      formula: 'e(t) = 1 − ρ at the end of a term\'s last month (m(t) = 1), else 0',
    }, (m) => termEndSeparation(this.terms, m.index), () => [
      this.input('workforce.contract.renewal_probability'),
      this.input('workforce.contract.term_months'),
    ]);
  }

  burnoutMultiplier(scope: Scope): ExplainNode {
    const baseline = this.ref.burnout.baseline_share.value;
    const hr = this.s.burnout.leaving_hazard_ratio;
    return this.series('burnoutMultiplier', scope, 'level', {
      label: 'Burnout hazard multiplier', unit: 'factor', section: '§3.3', formula: '(1 + (HR − 1) × B(t)) / (1 + (HR − 1) × B_ref)',
    }, (m) => burnoutLeavingMultiplier(m.burnout_risk / 100, baseline, hr), () => [
      this.burnout(scope),
      this.refValue('burnout.baseline_share', 'reference team burnout B_ref (NHS Staff Survey 2024)'),
      this.input('burnout.leaving_hazard_ratio'),
    ]);
  }

  fill(): ExplainNode {
    return this.fixed('fill', {
      label: 'Vacancy fill rate f', value: fillRate(this.s.turnover.months_to_fill), unit: 'fraction', section: '§2.4',
      formula: 'f = 1 / (1 + months_to_fill)',
    }, () => [this.input('turnover.months_to_fill')]);
  }

  hires(scope: Scope): ExplainNode {
    return this.series('hires', scope, 'sum', {
      label: 'Hires N(t)', unit: 'WTE', section: '§2.4', formula: 'N(t) = f × max(0, F(t + 1) − P(t)(1 − H(t)))',
    }, (m) => m.hires, () => [this.fill(), this.funded(scope), this.inPost(scope), this.hazard(scope)]);
  }

  leavers(scope: Scope): ExplainNode {
    return this.series('leavers', scope, 'sum', {
      label: 'Leavers L(t)', unit: 'WTE', section: '§2.3', formula: 'L(t) = P(t) × H(t)',
    }, (m) => m.leavers, () => [this.inPost(scope), this.hazard(scope)]);
  }

  induction(scope: Scope): ExplainNode {
    return this.series('induction', scope, 'mean', {
      label: 'WTE in induction I(t)', unit: 'WTE', section: '§2.4',
      formula: 'I(t) = min(P(t), Σⱼ wⱼ × N(t − 1 − j)), wⱼ = clamp(k − j, 0, 1), k = induction_weeks × 12 / weeks_per_year',
    }, (m) => m.wte_in_induction, () => [
      this.input('training.induction_weeks'),
      this.refValue('pay.weeks_per_year', 'weeks a year'),
      this.hires(scope),
      this.inPost(scope),
    ]);
  }

  // Burnout (§3)

  burnout(scope: Scope): ExplainNode {
    return this.series('burnout', scope, 'mean', {
      label: 'Burnout B(t), expected % of the team burnt out', unit: '% of team', section: '§3.2',
      formula: 'B(t) = 100 × o / (1 + o), o = B_ref / (1 − B_ref) × Π driver odds ratios(t)',
    }, (m) => m.burnout_risk, () => [
      this.refValue('burnout.baseline_share', 'reference team burnout B_ref (NHS Staff Survey 2024)'),
      ...BURNOUT_DRIVERS.map((d) => this.driver(d, scope)),
    ]);
  }

  private driver(d: BurnoutDriver, scope: Scope): ExplainNode {
    const [formula, children] = this.driverSteps(d, scope);
    return this.series(`driver.${d}`, scope, 'level', { label: DRIVER_LABEL[d], unit: 'odds ratio', section: '§3.1', formula },
      (m) => m.burnout_drivers[d], children);
  }

  private driverSteps(d: BurnoutDriver, scope: Scope): [string, () => ExplainNode[]] {
    const type = this.terms.type;
    switch (d) {
      case 'supervision':
        return [
          'OR_sup^(a_ref − a) × (OR_lived^a with a lived-experience supervisor); a = min(1, hours / benchmark hours) × min(1, benchmark span / workers_per_supervisor), a_ref the same at the reference team\'s hours',
          () => [
            this.input('supervision.hours_per_worker_per_month'),
            this.refValue('supervision.hours_per_worker_per_month', 'benchmark supervision hours a worker a month'),
            this.input('supervision.workers_per_supervisor'),
            this.refValue('supervision.workers_per_supervisor', 'benchmark span'),
            this.refValue('burnout.reference_team.supervision_hours', 'reference team supervision hours'),
            this.input('burnout.odds_ratios.supervision'),
            this.input('supervision.supervisor.lived_experience'),
            this.input('burnout.odds_ratios.lived_experience_supervisor'),
          ],
        ];
      case 'insecurity':
        return [
          type === 'permanent'
            ? '1 for a permanent post (score 0)'
            : type === 'fixed_term'
              ? 'OR_ins^score; score = base + (1 − base) × (W − m(t) + 1) / W inside the insecurity window (m(t) ≤ W), else base'
              : `OR_ins^score, score burnout.drivers.insecurity_${type}`,
          () => [
            this.input('workforce.contract.type'),
            ...(type === 'permanent' ? [] : [this.input('burnout.odds_ratios.insecurity')]),
            ...(type === 'fixed_term'
              ? [
                  this.refValue('burnout.drivers.insecurity_fixed_term', 'insecurity base score, fixed term'),
                  this.refValue('contracts.insecurity_window_months', 'insecurity window W'),
                  this.input('workforce.contract.term_months'),
                ]
              : type === 'permanent'
                ? []
                : [this.refValue(`burnout.drivers.insecurity_${type}`, `insecurity score, ${type}`)]),
          ],
        ];
      case 'isolation':
        return [
          'OR_iso^score × (OR_group with peer group supervision); score = clamp((n_ref − team_size) / (n_ref − 1), 0, 1)',
          () => [
            this.input('workforce.team_size'),
            this.refValue('burnout.reference_team.team_size', 'reference team size n_ref'),
            this.input('burnout.odds_ratios.isolation'),
            this.input('supervision.peer_group_supervision'),
            this.input('burnout.odds_ratios.peer_group_supervision'),
          ],
        ];
      case 'pay': {
        if (!this.paid) return ['1 for an unpaid (voluntary) role (score 0)', () => [this.input('workforce.contract.type')]];
        const fair = this.ref.burnout.fair_band.value;
        const floorBand = this.floorBand();
        return [
          'OR_pay^score; score = clamp((F − basic) / (F − S_min), 0, 1), F = first pay point of the fair band, S_min = lowest pay point in the tables',
          () => [
            this.input('burnout.odds_ratios.pay'),
            this.basicSalary(),
            this.refValue('burnout.fair_band', 'fair band'),
            this.refValue(`pay.bands.points.${fair}`, `Band ${fair} pay points (F = the first)`),
            this.refValue(`pay.bands.points.${floorBand}`, `Band ${floorBand} pay points (S_min, the lowest in the tables)`),
          ],
        ];
      }
      case 'caseload':
        return [
          'OR_case^score; score = clamp((caseload_per_wte × F(t) / (P(t) − I(t)) / planned caseload − 1) / (overload at 1 − 1), 0, 1)',
          () => [
            this.input('burnout.odds_ratios.caseload'),
            this.input('delivery.caseload_per_wte'),
            this.refValue('workforce.caseload_per_wte', 'planned caseload'),
            this.refValue('burnout.drivers.caseload_overload_full', 'overload at which the driver reaches 1'),
            this.funded(scope),
            this.inPost(scope),
            this.induction(scope),
          ],
        ];
      case 'training':
        return [
          'OR_train^score; score = 1 − (min(1, induction_weeks / benchmark weeks) + min(1, cpd / benchmark CPD)) / 2',
          () => [
            this.input('burnout.odds_ratios.training'),
            this.input('training.induction_weeks'),
            this.refValue('workforce.induction_weeks', 'benchmark induction weeks'),
            this.input('training.cpd_cost_per_wte_per_year'),
            this.refValue('workforce.cpd_cost_per_wte_per_year', 'benchmark CPD'),
          ],
        ];
    }
  }

  /** The band holding the lowest pay point: the floor of the pay driver (as the engine finds it). */
  private floorBand(): string {
    let best = '';
    let min = Infinity;
    for (const [band, points] of Object.entries(this.ref.pay.bands.points)) {
      for (const p of points) {
        if (p < min) {
          min = p;
          best = band;
        }
      }
    }
    return best;
  }

  // Continuity and delivery (§4–§5)

  completion(scope: Scope): ExplainNode {
    return this.series('completion', scope, 'mean', {
      label: 'Completion probability p(t)', unit: 'fraction', section: '§4.1–4.2',
      formula: 'p(t) = Π_{j<⌊R⌋} (1 − H(t + j)) × (1 − H(t + ⌊R⌋))^(R − ⌊R⌋); past the horizon H keeps the contract cycle and the last burnout multiplier',
    }, (m) => m.continuity_probability, () => [this.input('delivery.relationship_months'), this.hazard(scope)]);
  }

  private supervisionShare(): ExplainNode {
    const hoursMonth = (this.ref.pay.hours_per_week.value * this.ref.pay.weeks_per_year.value) / 12;
    return this.fixed('supShare', {
      label: 'Share of paid time in own supervision s_sup',
      value: Math.min(1, this.s.supervision.hours_per_worker_per_month / hoursMonth),
      unit: 'fraction', section: '§5.1', formula: 's_sup = min(1, hours_per_worker_per_month / (hours_per_week × weeks_per_year / 12))',
    }, () => [
      this.input('supervision.hours_per_worker_per_month'),
      this.refValue('pay.hours_per_week', 'hours a week at 1.0 WTE'),
      this.refValue('pay.weeks_per_year', 'weeks a year'),
    ]);
  }

  productive(scope: Scope): ExplainNode {
    return this.series('productive', scope, 'mean', {
      label: 'Productive WTE', unit: 'WTE', section: '§5.1',
      formula: '((P − I)(1 − s_sup) + I × backfill_share) × (1 − sickness_absence)',
    }, (m) => m.productive_wte, () => [
      this.inPost(scope),
      this.induction(scope),
      this.supervisionShare(),
      this.input('training.backfill_share'),
      this.input('delivery.sickness_absence'),
    ]);
  }

  episodes(scope: Scope, labelNote = ''): ExplainNode {
    return this.series('episodes', scope, 'sum', {
      label: `Episodes started${labelNote}`, unit: 'people', section: '§5.1', formula: 'episodes(t) = productive(t) × caseload_per_wte / relationship_months',
    }, (m) => m.episodes, () => [this.productive(scope), this.input('delivery.caseload_per_wte'), this.input('delivery.relationship_months')]);
  }

  completed(scope: Scope, labelNote = ''): ExplainNode {
    return this.series('completed', scope, 'sum', {
      label: `Completed episodes${labelNote}`, unit: 'people', section: '§4.1', formula: 'completed(t) = episodes(t) × p(t)',
    }, (m) => m.completed_episodes, () => [this.episodes(scope), this.completion(scope)]);
  }

  discountFactor(scope: Scope): ExplainNode {
    return this.series('discount', scope, 'level', {
      label: 'Discount factor DF(t)', unit: 'factor', section: '§7.2', formula: 'annual (Green Book): DF = 1 / (1 + discount_rate)^t for financial year t (year 0 = 1); monthly: 1 / (1 + discount_rate)^(t/12)',
    }, (m) => m.discount_factor, () => [this.input('finance.discount_rate')]);
  }

  // Pay (§1)

  private pointRule(point: PayPoint, count: number): string {
    if (point === 'bottom') return "the band's first point";
    if (point === 'top') return "the band's last point";
    if (point === 'middle') return count % 2 === 1 ? "the band's middle point" : 'the mean of the two middle points';
    return `point ${point} (0-based)`;
  }

  basicSalary(): ExplainNode {
    const wf = this.s.workforce;
    if (wf.salary !== null) {
      return this.fixed('basic', {
        label: 'Basic salary (2025/26 prices)', value: this.basic, unit: '£/year', section: '§1.2', formula: 'workforce.salary, in place of the band and pay point',
      }, () => [this.input('workforce.salary')]);
    }
    const points = this.ref.pay.bands.points[wf.band];
    return this.fixed('basic', {
      label: 'Basic salary (2025/26 prices)', value: this.basic, unit: '£/year', section: '§1.2',
      formula: `pay_point ${String(wf.pay_point)}: ${this.pointRule(wf.pay_point, points.length)}`,
    }, () => [
      this.input('workforce.band'),
      this.input('workforce.pay_point'),
      this.refValue(`pay.bands.points.${wf.band}`, `Band ${wf.band} pay points`),
      this.input('workforce.salary'),
    ]);
  }

  private hcasNode(key: string, label: string, basic: () => ExplainNode, basicValue: number): ExplainNode {
    const area = this.s.workforce.high_cost_area;
    if (area === 'none') {
      return this.fixed(key, { label, value: 0, unit: '£/year', section: '§1.2', formula: '0 outside a high cost area' }, () => [
        this.input('workforce.high_cost_area'),
      ]);
    }
    return this.fixed(key, {
      label, value: hcasAmount(this.ref, area, basicValue), unit: '£/year', section: '§1.2', formula: 'clamp(rate × basic, min, max)',
    }, () => [
      this.input('workforce.high_cost_area'),
      this.refValue(`hcas.areas.${area}.rate`, 'HCAS rate'),
      this.refValue(`hcas.areas.${area}.min`, 'HCAS minimum'),
      this.refValue(`hcas.areas.${area}.max`, 'HCAS maximum'),
      basic(),
    ]);
  }

  hcas(): ExplainNode {
    return this.hcasNode('hcas', 'High Cost Area Supplement', () => this.basicSalary(), this.basic);
  }

  uplift(scope: Scope): ExplainNode {
    return this.series('uplift', scope, 'level', {
      label: 'Pay uplift factor U', unit: 'factor', section: '§1.1',
      formula: 'U(m) = (1 + pay_uplift)^uplifts(m), uplifts(m) = max(0, financial year of m − financial year of valid_from)',
    }, (m) => m.pay_uplift_factor, () => [
      this.input('finance.pay_uplift'),
      this.refValue('valid_from', 'pay tables valid from'),
      this.input('horizon.start'),
    ]);
  }

  /** A month's pay-dependent rates, from its uplift factor, by the engine's formulas. */
  private rates(m: MonthResult): { A: number; ni: number; E: number; supHourly: number } {
    const A = this.pay0 * m.pay_uplift_factor;
    const on = this.ref.on_costs;
    return {
      A,
      ni: niContribution(on.employer_ni_rate.value, on.employer_ni_threshold.value, A),
      E: annualEmploymentCost(this.ref, A, this.pension, this.levy).total,
      supHourly: hourlyCost(this.ref, this.supPay0 * m.pay_uplift_factor, this.pension, this.levy),
    };
  }

  annualPay(scope: Scope): ExplainNode {
    const type = this.input('workforce.contract.type');
    return this.series('annualPay', scope, 'level', {
      label: 'Annual pay per WTE A', unit: '£/year', section: '§1.2',
      formula: this.paid ? 'A(m) = (basic + HCAS) × U(m)' : 'A = 0: voluntary roles are unpaid',
    }, (m) => this.rates(m).A, () => (this.paid ? [this.basicSalary(), this.hcas(), this.uplift(scope), type] : [type]));
  }

  niPerWte(scope: Scope): ExplainNode {
    return this.series('ni', scope, 'level', {
      label: 'Employer NI per WTE-year NI(A)', unit: '£/year', section: '§1.3', formula: 'NI(A) = rate × max(0, A − threshold)',
    }, (m) => this.rates(m).ni, () => [
      this.annualPay(scope),
      this.refValue('on_costs.employer_ni_rate', 'employer NI rate'),
      this.refValue('on_costs.employer_ni_threshold', 'employer NI threshold'),
    ]);
  }

  pensionRate(): ExplainNode {
    const p = this.s.finance.pension;
    const key = p === 'auto_enrolment' ? 'pension_auto_enrolment_minimum' : typeof p === 'string' ? `pension_${p}` : null;
    return this.fixed('pension', {
      label: 'Employer pension rate', value: this.pension.rate, unit: 'fraction', section: '§1.3',
      formula:
        p === 'auto_enrolment'
          ? 'finance.pension auto_enrolment → 3% of qualifying earnings: rate × max(0, min(pay, upper) − lower)'
          : key
            ? `finance.pension ${p} → on_costs.${key}`
            : 'finance.pension, a rate of all pay',
    }, () => [
      this.input('finance.pension'),
      ...(key ? [this.refValue(`on_costs.${key}`, `pension rate, ${String(p).replace('_', ' ')}`)] : []),
      ...(p === 'auto_enrolment'
        ? [this.refValue('on_costs.qualifying_earnings_lower', 'qualifying earnings lower limit'), this.refValue('on_costs.qualifying_earnings_upper', 'qualifying earnings upper limit')]
        : []),
    ]);
  }

  private levyRate(): ExplainNode {
    return this.fixed('levyRate', {
      label: 'Apprenticeship levy rate on pay', value: this.levy, unit: 'fraction', section: '§1.3',
      formula: 'the levy rate when employer.annual_paybill is above the threshold, else 0',
    }, () => [
      this.input('employer.annual_paybill'),
      this.refValue('on_costs.apprenticeship_levy_threshold', 'levy pay bill threshold'),
      this.refValue('on_costs.apprenticeship_levy_rate', 'apprenticeship levy rate'),
    ]);
  }

  employmentCost(scope: Scope): ExplainNode {
    return this.series('employmentCost', scope, 'level', {
      label: 'Employment cost per WTE-year E', unit: '£/year', section: '§1.3', formula: 'E = A + NI(A) + pension(A) + levy rate × A',
    }, (m) => this.rates(m).E, () => [this.annualPay(scope), this.niPerWte(scope), this.pensionRate(), this.levyRate()]);
  }

  private supervisorBasic(): ExplainNode {
    const sup = this.s.supervision.supervisor;
    const points = this.ref.pay.bands.points[sup.band];
    return this.fixed('supBasic', {
      label: 'Supervisor basic salary (2025/26 prices)', value: this.supBasic, unit: '£/year', section: '§1.2',
      formula: `pay_point ${String(sup.pay_point)}: ${this.pointRule(sup.pay_point, points.length)}`,
    }, () => [
      this.input('supervision.supervisor.band'),
      this.input('supervision.supervisor.pay_point'),
      this.refValue(`pay.bands.points.${sup.band}`, `Band ${sup.band} pay points`),
    ]);
  }

  supervisorHourly(scope: Scope): ExplainNode {
    return this.series('supHourly', scope, 'level', {
      label: 'Supervisor hourly employment cost', unit: '£/hour', section: '§1.3',
      formula: '(S + NI(S) + pension(S) + levy rate × S) / (hours_per_week × weeks_per_year), S = (supervisor basic + HCAS) × U',
    }, (m) => this.rates(m).supHourly, () => [
      this.supervisorBasic(),
      this.hcasNode('supHcas', 'Supervisor HCAS (same area)', () => this.supervisorBasic(), this.supBasic),
      this.uplift(scope),
      this.refValue('on_costs.employer_ni_rate', 'employer NI rate'),
      this.refValue('on_costs.employer_ni_threshold', 'employer NI threshold'),
      this.pensionRate(),
      this.levyRate(),
      this.refValue('pay.hours_per_week', 'hours a week at 1.0 WTE'),
      this.refValue('pay.weeks_per_year', 'weeks a year'),
    ]);
  }

  // ---- Money (§6, §7) -----------------------------------------------------------------

  private sigma(scope: Scope, formula: string): string {
    return scope.months.length > 1 ? `Σ months ${formula}` : formula;
  }

  private costLabel(c: CostComponent | 'total'): string {
    return c === 'total' ? 'Total cost' : costLabel(c);
  }

  /** A cost component (or the total) over a scope: the horizon as the sum of its years. */
  cost(c: CostComponent | 'total', scope: Scope): ExplainNode {
    const label = `${this.costLabel(c)}, ${scope.label}`;
    if (scope.kind === 'horizon') {
      const years = this.years(scope);
      return this.concept(`cost.${c}@${scope.label}`, {
        label, value: sumPounds(years.map((y) => (y.year as YearResult).cost[c])), unit: '£', op: 'sum', formula: 'Σ financial years', section: '§1.4',
      }, () => years.map((y) => this.cost(c, y)));
    }
    const value = (scope.year ?? (scope.months[0] as MonthResult)).cost[c];
    if (c === 'total') {
      return this.concept(`cost.total@${scope.label}`, {
        label, value, unit: '£', op: 'sum', formula: 'pay + employer NI + pension + levy + supervision + training + recruitment + overheads', section: '§6',
      }, () => COST_COMPONENTS.map((k) => this.cost(k, scope)));
    }
    return this.concept(`cost.${c}@${scope.label}`, {
      label, value, unit: '£', formula: this.sigma(scope, COMPONENT_FORMULA[c]), section: '§6',
    }, () => this.componentInputs(c, scope));
  }

  private componentInputs(c: CostComponent, scope: Scope): ExplainNode[] {
    const hours = (): ExplainNode => this.input('supervision.hours_per_worker_per_month');
    switch (c) {
      case 'pay':
        return [this.inPost(scope), this.annualPay(scope), ...(this.paid ? [] : [this.input('volunteers.expenses_per_volunteer_per_year')])];
      case 'employer_ni':
        return [this.inPost(scope), this.niPerWte(scope), this.input('employer.employment_allowance_available')];
      case 'pension':
        return [this.inPost(scope), this.pensionRate(), this.annualPay(scope)];
      case 'levy':
        return [this.inPost(scope), this.levyRate(), this.annualPay(scope)];
      case 'supervision':
        return [
          this.inPost(scope),
          hours(),
          ...(this.paid ? [] : [this.input('volunteers.coordinator_hours_per_volunteer_per_month')]),
          this.supervisorHourly(scope),
        ];
      case 'training':
        return [
          this.hires(scope),
          this.input('training.induction_course_cost_per_starter'),
          this.induction(scope),
          this.input('training.backfill_share'),
          this.employmentCost(scope),
          this.inPost(scope),
          this.input('training.cpd_cost_per_wte_per_year'),
        ];
      case 'recruitment':
        return [this.hires(scope), this.input('turnover.recruitment_cost_per_hire')];
      case 'overheads': {
        const seven = COST_COMPONENTS.filter((k) => k !== 'overheads');
        const before = sumPounds(seven.map((k) => (scope.year ?? (scope.months[0] as MonthResult)).cost[k]));
        return [
          this.input('finance.overhead_rate'),
          this.concept(`beforeOverheads@${scope.label}`, {
            label: `Costs before overheads, ${scope.label}`, value: before, unit: '£', op: 'sum', formula: 'the seven components above', section: '§6',
          }, () => seven.map((k) => this.cost(k, scope))),
        ];
      }
    }
  }

  fundedBudget(scope: Scope): ExplainNode {
    const label = `Funded budget, ${scope.label}`;
    if (scope.kind === 'horizon') {
      const years = this.years(scope);
      return this.concept(`budget@${scope.label}`, {
        label, value: sumPounds(years.map((y) => (y.year as YearResult).funded_budget)), unit: '£', op: 'sum', formula: 'Σ financial years', section: '§1.4',
      }, () => years.map((y) => this.fundedBudget(y)));
    }
    return this.concept(`budget@${scope.label}`, {
      label, value: (scope.year ?? (scope.months[0] as MonthResult)).funded_budget, unit: '£', section: '§6.3',
      formula: this.sigma(scope, 'F(t) × (E / 12 + hours_per_worker_per_month × supervisor hourly cost + cpd_cost_per_wte_per_year / 12) × (1 + overhead_rate)'),
    }, () => [
      this.funded(scope),
      this.employmentCost(scope),
      this.input('supervision.hours_per_worker_per_month'),
      this.supervisorHourly(scope),
      this.input('training.cpd_cost_per_wte_per_year'),
      this.input('finance.overhead_rate'),
    ]);
  }

  costDiscounted(scope: Scope): ExplainNode {
    const label = `Total cost (PV), ${scope.label}`;
    if (scope.kind === 'horizon') {
      const years = this.years(scope);
      return this.concept(`costPv@${scope.label}`, {
        label, value: sumPounds(years.map((y) => (y.year as YearResult).cost_discounted)), unit: '£', op: 'sum', formula: 'Σ financial years', section: '§1.4',
      }, () => years.map((y) => this.costDiscounted(y)));
    }
    return this.concept(`costPv@${scope.label}`, {
      label, value: (scope.year ?? (scope.months[0] as MonthResult)).cost_discounted, unit: '£', section: '§7.2',
      formula: this.sigma(scope, `total cost(t) ÷ GDP deflator (${this.r.appraisal.price_base} prices) × DF(t), rounded by financial year`),
    }, () => [this.cost('total', scope), this.discountFactor(scope)]);
  }

  optimismAdjusted(): ExplainNode {
    const h = this.horizon();
    return this.concept('optimism', {
      label: `Cost (PV) + optimism bias, ${h.label}`, value: this.r.metrics.total_cost_optimism_adjusted, unit: '£', section: '§7.2',
      formula: 'total_cost_discounted × (1 + optimism_bias), to the penny',
    }, () => [this.costDiscounted(h), this.input('finance.optimism_bias')]);
  }

  private difference(key: string, label: string, value: number, formula: string, section: string, a: () => ExplainNode, b: () => ExplainNode): ExplainNode {
    return this.concept(key, { label, value, unit: '£', op: 'difference', formula, section }, () => [a(), b()]);
  }

  underspend(scope: Scope): ExplainNode {
    const row = scope.year ?? (scope.months[0] as MonthResult);
    const value = scope.kind === 'horizon' ? this.r.metrics.underspend : diffPounds(row.funded_budget, row.cost.total);
    return this.difference(`underspend@${scope.label}`, `Underspend (vacancies), ${scope.label}`, value, 'funded budget − total cost', '§6.3',
      () => this.fundedBudget(scope), () => this.cost('total', scope));
  }

  // Benefits (§5.2)

  /** One stream's monthly values: the scenario projected with that stream alone. */
  private streamMonths(i: number): MonthResult[] {
    let months = this.streams.get(i);
    if (!months) {
      const only = { ...this.s, benefits: [this.s.benefits[i] as Scenario['benefits'][number]] };
      months = project(only, this.ref).months;
      this.streams.set(i, months);
    }
    return months;
  }

  stream(i: number, scope: Scope): ExplainNode {
    const b = this.s.benefits[i] as Scenario['benefits'][number];
    const sm = this.streamMonths(i);
    const value = sumPounds(scope.months.map((m) => (sm[m.index] as MonthResult).benefits.total));
    const lag = Math.max(0, Math.round(b.lag_months));
    const lagged = scope.months.filter((m) => m.index >= lag).map((m) => this.r.months[m.index - lag] as MonthResult);
    const basisScope: Scope | null =
      lagged.length === 0
        ? null
        : {
            kind: lagged.length === 1 ? 'month' : scope.kind,
            label: lagged.length === 1 ? (lagged[0] as MonthResult).month : `${(lagged[0] as MonthResult).month} to ${(lagged[lagged.length - 1] as MonthResult).month}`,
            months: lagged,
          };
    const note = lag > 0 && basisScope ? ` ${lag} months earlier (${basisScope.label})` : '';
    const basis = basisScope
      ? [b.basis === 'completed_episode' ? this.completed(basisScope, note) : b.basis === 'worker_year' ? this.inPost(basisScope) : this.episodes(basisScope, note)]
      : [];
    return this.concept(`stream.${i}@${scope.label}`, {
      label: `Benefit "${b.name}", ${scope.label}`, value, unit: '£', section: '§5.2',
      formula: this.sigma(scope, 'basis(t − lag) × value per basis × (1 − drop_off)^⌊t/12⌋; nothing after the horizon end'),
    }, () => [
      this.input(`benefits[${i}].basis`),
      ...basis,
      this.streamValue(i),
      this.input(`benefits[${i}].lag_months`),
      this.input(`benefits[${i}].drop_off`),
    ]);
  }

  /** §5.4 Each stream's PV less its evidence-grade haircut, summed (the engine's per-stream figures). */
  private benefitEvidenceAdjusted(): ExplainNode {
    const h = this.horizon();
    const n = this.s.benefits.length;
    return this.concept('benefitEvidence', {
      label: `Total benefit (PV, evidence-adjusted), ${h.label}`, value: this.r.metrics.total_benefit_discounted_evidence_adjusted, unit: '£',
      ...(n > 0 ? { op: 'sum' as const } : {}), formula: "Σ streams: PV × (1 − the evidence grade's haircut), each to the penny", section: '§5.4',
    }, () =>
      n === 0
        ? this.noStreams()
        : this.s.benefits.map((b, i) =>
            this.concept(`streamEvidence.${i}`, {
              label: `Benefit "${b.name}" (PV, evidence-adjusted)`, value: (this.r.benefit_streams[i] as ScenarioResult['benefit_streams'][number]).total_discounted_evidence_adjusted,
              unit: '£', formula: 'stream PV × (1 − evidence_haircut), to the penny', section: '§5.4',
            }, () => [this.streamDiscounted(i, h), this.input(`benefits[${i}].evidence_haircut`)]),
          ),
    );
  }

  /** §5.2 The stream's value per basis unit: the factors the engine recorded, each input with its origin (not recomputed here). */
  private streamValue(i: number): ExplainNode {
    const factors = (this.r.benefit_streams[i] as ScenarioResult['benefit_streams'][number]).factors;
    const last = factors[factors.length - 1];
    return this.concept(`streamValue.${i}`, {
      label: last?.label ?? 'value per basis', value: last?.value ?? 0, unit: '£', section: '§5.2',
      formula: `${(this.s.benefits[i] as Scenario['benefits'][number]).relative_effect !== null ? 'base_rate × (1 − relative_effect) × ' : ''}quantity × dose share × attribution × (1 − deadweight) × unit_value × uprating${(this.s.benefits[i] as Scenario['benefits'][number]).basis === 'worker_year' ? ' ÷ 12' : ''}`,
    }, () => {
      // A derived factor takes the inputs recorded just before it as its children.
      const out: ExplainNode[] = [];
      for (const f of factors.slice(0, -1)) {
        if (f.input !== '') {
          // The recorded value is the one the engine used; the label says what it is.
          out.push({ ...this.input(f.input), label: `${f.input} (${f.label})`, value: f.value });
        } else if (f.label.startsWith('outcomes avoided')) {
          out.push({ label: f.label, value: f.value, unit: f.unit, formula: 'base_rate × (1 − relative_effect)', section: '§5.2', children: out.splice(-2) });
        } else if (f.label.startsWith('dose share')) {
          out.push({ label: f.label, value: f.value, unit: f.unit, formula: 'min(1, relationship_months / dose_months)', section: '§5.2', children: [this.input('delivery.relationship_months'), ...out.splice(-1)] });
        }
        // "per month of a WTE-year" (÷ 12) is in the formula, not a step of its own.
      }
      return out;
    });
  }

  streamDiscounted(i: number, scope: Scope): ExplainNode {
    const b = this.s.benefits[i] as Scenario['benefits'][number];
    const sm = this.streamMonths(i);
    // Over the horizon the appraisal also credits the stream's lagged benefits after its end (§7.3).
    const value =
      scope.kind === 'horizon'
        ? (this.r.benefit_streams[i] as ScenarioResult['benefit_streams'][number]).total_discounted
        : sumPounds(scope.months.map((m) => (sm[m.index] as MonthResult).benefits_discounted));
    return this.concept(`streamPv.${i}@${scope.label}`, {
      label: `Benefit "${b.name}" (PV), ${scope.label}`, value,
      unit: '£', section: '§7.2', formula: this.sigma(scope, `value(t) in ${this.r.appraisal.price_base} prices × DF(t)${b.health ? ' (health rate)' : ''}, rounded by financial year${scope.kind === 'horizon' ? '; + lagged benefits after the horizon when credited' : ''}`),
    }, () => [this.stream(i, scope), this.discountFactor(scope)]);
  }

  private noStreams(): ExplainNode[] {
    return [this.input('benefits')];
  }

  totalBenefit(scope: Scope): ExplainNode {
    const value =
      scope.kind === 'horizon' ? this.r.metrics.total_benefit : (scope.year ?? (scope.months[0] as MonthResult)).benefits.total;
    const n = this.s.benefits.length;
    return this.concept(`benefit@${scope.label}`, {
      label: `Total benefit, ${scope.label}`, value, unit: '£', ...(n > 0 ? { op: 'sum' as const } : {}), formula: 'Σ benefit streams', section: '§5.2',
    }, () => (n === 0 ? this.noStreams() : this.s.benefits.map((_, i) => this.stream(i, scope))));
  }

  totalBenefitDiscounted(scope: Scope): ExplainNode {
    const value =
      scope.kind === 'horizon' ? this.r.metrics.total_benefit_discounted : (scope.year ?? (scope.months[0] as MonthResult)).benefits_discounted;
    const n = this.s.benefits.length;
    return this.concept(`benefitPv@${scope.label}`, {
      label: `Total benefit (PV), ${scope.label}`, value, unit: '£', ...(n > 0 ? { op: 'sum' as const } : {}), formula: 'Σ benefit streams', section: '§7.1',
    }, () => (n === 0 ? this.noStreams() : this.s.benefits.map((_, i) => this.streamDiscounted(i, scope))));
  }

  cashableDiscounted(): ExplainNode {
    const h = this.horizon();
    const n = this.s.benefits.length;
    return this.concept('cashablePv', {
      label: `Cashable benefit (PV), ${h.label}`, value: this.r.metrics.cashable_benefit_discounted, unit: '£',
      ...(n > 0 ? { op: 'sum' as const } : {}), formula: 'Σ benefit streams', section: '§5.2',
    }, () =>
      n === 0
        ? this.noStreams()
        : this.s.benefits.map((b, i) =>
            this.concept(`cashable.${i}`, {
              label: `Cashable part of "${b.name}" (PV)`, value: (this.r.benefit_streams[i] as ScenarioResult['benefit_streams'][number]).cashable_discounted,
              unit: '£', section: '§5.2', formula: 'Σ months value(t) × cashable × DF(t)',
            }, () => [this.input(`benefits[${i}].cashable`), this.streamDiscounted(i, h)]),
          ),
    );
  }

  npv(scope: Scope): ExplainNode {
    const value =
      scope.kind === 'horizon'
        ? this.r.metrics.npv
        : diffPounds((scope.year ?? (scope.months[0] as MonthResult)).benefits_discounted, (scope.year ?? (scope.months[0] as MonthResult)).cost_discounted);
    // The headline NPV carries optimism bias (§7.4); a year's is before it.
    if (scope.kind === 'horizon') {
      return this.difference(`npv@${scope.label}`, `Net present value, ${scope.label}`, value, 'total benefit (PV) − total cost (PV) with optimism bias', '§7.4',
        () => this.totalBenefitDiscounted(scope), () => this.optimismAdjusted());
    }
    return this.difference(`npv@${scope.label}`, `Net present value, ${scope.label}`, value, 'total benefit (PV) − total cost (PV)', '§7.2',
      () => this.totalBenefitDiscounted(scope), () => this.costDiscounted(scope));
  }

  net(scope: Scope): ExplainNode {
    const value =
      scope.kind === 'horizon'
        ? diffPounds(this.r.metrics.total_benefit, this.r.metrics.total_cost)
        : scope.year
          ? scope.year.net
          : diffPounds((scope.months[0] as MonthResult).benefits.total, (scope.months[0] as MonthResult).cost.total);
    return this.difference(`net@${scope.label}`, `Net benefit, ${scope.label}`, value, 'total benefit − total cost (nominal)', '§7.2',
      () => this.totalBenefit(scope), () => this.cost('total', scope));
  }

  // ---- The figure asked for -----------------------------------------------------------

  root(metric: string, scope: Scope): ExplainNode {
    const m = this.r.metrics;
    const h = scope;
    // The step itself, titled as the figure (in place: pointers may lead back to it).
    const titled = (node: ExplainNode): ExplainNode => {
      node.label = `${metricLabel(metric)}, ${scope.label}`;
      return node;
    };
    const plain = (key: string, head: Omit<Head, 'label'>, children: () => ExplainNode[]): ExplainNode =>
      this.concept(key, { label: `${metricLabel(metric)}, ${scope.label}`, ...head }, children);
    if (isCostComponent(metric)) return this.cost(metric, scope);
    switch (metric) {
      case 'total_cost':
        return this.cost('total', scope);
      case 'total_cost_discounted':
        return this.costDiscounted(scope);
      case 'total_cost_optimism_adjusted':
        return this.optimismAdjusted();
      case 'funded_budget':
        return this.fundedBudget(scope);
      case 'underspend':
        return this.underspend(scope);
      case 'total_benefit':
        return this.totalBenefit(scope);
      case 'total_benefit_discounted':
        return this.totalBenefitDiscounted(scope);
      case 'cashable_benefit_discounted':
        return this.cashableDiscounted();
      case 'npv':
        return this.npv(scope);
      case 'npv_optimism_adjusted':
        return this.difference('npvOptimism', `${metricLabel(metric)}, ${scope.label}`, m.npv_optimism_adjusted,
          'total benefit (PV) − cost (PV) with optimism bias', '§7.2', () => this.totalBenefitDiscounted(h), () => this.optimismAdjusted());
      case 'net':
        return this.net(scope);
      case 'bcr':
        return plain('bcr', { value: m.bcr, unit: 'ratio', formula: 'total benefit (PV) / total cost (PV) with optimism bias; n/a when cost is 0', section: '§7.4' },
          () => [this.totalBenefitDiscounted(h), this.optimismAdjusted()]);
      case 'roi':
        return plain('roi', { value: m.roi, unit: 'fraction', formula: 'NPV / total cost (PV) with optimism bias; n/a when cost is 0', section: '§7.4' },
          () => [this.npv(h), this.optimismAdjusted()]);
      case 'total_benefit_discounted_evidence_adjusted':
        return this.benefitEvidenceAdjusted();
      case 'npv_evidence_adjusted':
        return this.difference('npvEvidence', `${metricLabel(metric)}, ${scope.label}`, m.npv_evidence_adjusted,
          'total benefit (PV, evidence-adjusted) − cost (PV) with optimism bias', '§5.4', () => this.benefitEvidenceAdjusted(), () => this.optimismAdjusted());
      case 'bcr_evidence_adjusted':
        return plain('bcrEvidence', { value: m.bcr_evidence_adjusted, unit: 'ratio', formula: 'total benefit (PV, evidence-adjusted) / total cost (PV) with optimism bias; n/a when cost is 0', section: '§5.4' },
          () => [this.benefitEvidenceAdjusted(), this.optimismAdjusted()]);
      case 'npv_unadjusted':
        return this.difference('npvUnadjusted', `${metricLabel(metric)}, ${scope.label}`, m.npv_unadjusted,
          'total benefit (PV) − total cost (PV), without optimism bias', '§7.4', () => this.totalBenefitDiscounted(h), () => this.costDiscounted(h));
      case 'bcr_unadjusted':
        return plain('bcrUnadjusted', { value: m.bcr_unadjusted, unit: 'ratio', formula: 'total benefit (PV) / total cost (PV); n/a when cost is 0', section: '§7.4' },
          () => [this.totalBenefitDiscounted(h), this.costDiscounted(h)]);
      case 'roi_unadjusted':
        return plain('roiUnadjusted', { value: m.roi_unadjusted, unit: 'fraction', formula: 'NPV without optimism bias / total cost (PV); n/a when cost is 0', section: '§7.4' },
          () => [this.totalBenefitDiscounted(h), this.costDiscounted(h)]);
      case 'total_cost_real':
        return plain('costReal', { value: m.total_cost_real, unit: '£', formula: `Σ financial years: cash cost ÷ GDP deflator index (${this.r.appraisal.price_base} prices)`, section: '§7.1' },
          () => [this.cost('total', h)]);
      case 'total_benefit_real':
        return plain('benefitReal', { value: m.total_benefit_real, unit: '£', formula: `Σ streams: value at ${this.r.appraisal.price_base} prices (unit values uprated from their price years), including after the horizon when credited`, section: '§7.1' },
          () => [this.totalBenefit(h)]);
      case 'benefits_after_horizon_real':
        return plain('afterHorizonReal', { value: m.benefits_after_horizon_real, unit: '£', formula: `lagged benefits of support inside the horizon that fall after it, at ${this.r.appraisal.price_base} prices (0 with benefits_after_horizon: drop)`, section: '§7.3' },
          () => [this.totalBenefit(h)]);
      case 'benefits_after_horizon_discounted':
        return plain('afterHorizon', { value: m.benefits_after_horizon_discounted, unit: '£', formula: 'PV of lagged benefits of support inside the horizon that fall after it (0 with benefits_after_horizon: drop)', section: '§7.3' },
          () => [this.totalBenefitDiscounted(h)]);
      case 'payback_month':
        return plain('payback', {
          value: m.payback_month, unit: 'month', section: '§7.2',
          formula: 'first month in which cumulative discounted benefit reaches cumulative discounted cost with optimism bias (and is positive); never if not within the horizon',
        }, () => [this.totalBenefitDiscounted(h), this.costDiscounted(h)]);
      case 'cost_per_episode':
        return plain('costPerEpisode', { value: m.cost_per_episode, unit: '£', formula: 'total cost / episodes started, to the penny', section: '§7.2' },
          () => [this.cost('total', h), this.episodes(h)]);
      case 'cost_per_completed_episode':
        return plain('costPerCompleted', { value: m.cost_per_completed_episode, unit: '£', formula: 'total cost / completed episodes, to the penny', section: '§7.2' },
          () => [this.cost('total', h), this.completed(h)]);
      case 'worker_supervision_time_value':
        return plain('workerSupervision', {
          value: m.worker_supervision_time_value, unit: '£', section: '§6',
          formula: 'Σ months P(t) × hours_per_worker_per_month × E / (hours_per_week × weeks_per_year); a memo, already inside pay',
        }, () => [
          this.inPost(h),
          this.input('supervision.hours_per_worker_per_month'),
          this.employmentCost(h),
          this.refValue('pay.hours_per_week', 'hours a week at 1.0 WTE'),
          this.refValue('pay.weeks_per_year', 'weeks a year'),
        ]);
      case 'episodes':
        return titled(this.episodes(scope));
      case 'completed_episodes':
        return titled(this.completed(scope));
      case 'wte_in_post_mean':
        return titled(this.inPost(scope));
      case 'funded_wte':
        return titled(this.funded(scope));
      case 'productive_wte':
        return titled(this.productive(scope));
      case 'leavers':
        return titled(this.leavers(scope));
      case 'hires':
        return titled(this.hires(scope));
      case 'burnout_risk_mean':
        return titled(this.burnout(scope));
      case 'continuity_probability':
        return titled(this.completion(scope));
      case 'vacancy_rate': {
        const ms = scope.months;
        const meanFunded = sumOf(ms, (x) => x.funded_wte) / ms.length;
        const value = meanFunded > 0 ? sumOf(ms, (x) => x.vacancies_wte) / ms.length / meanFunded : 0;
        return plain('vacancyRate', { value, unit: 'fraction', formula: 'mean V(t) / mean F(t); 0 when nothing is funded', section: '§7.2' },
          () => [this.vacancies(scope), this.funded(scope)]);
      }
      case 'burnout_risk_peak': {
        let peak = scope.months[0] as MonthResult;
        for (const x of scope.months) if (x.burnout_risk > peak.burnout_risk) peak = x;
        return plain('burnoutPeak', { value: peak.burnout_risk, unit: '% of team', formula: `the highest monthly B(t): ${peak.month}`, section: '§7.2' },
          () => [this.burnout(this.monthScope(peak))]);
      }
      case 'continuity': {
        // The score as the engine reports it (its horizon and year rows round in different orders).
        const value = scope.kind === 'horizon' ? m.continuity : scope.year ? scope.year.continuity : 100 * (scope.months[0] as MonthResult).continuity_probability;
        return plain('continuity', { value, unit: 'index 0-100', formula: '100 × mean p(t) over the start months', section: '§4.3' },
          () => [this.completion(scope)]);
      }
      case 'service_user_months_lost':
        return plain('monthsLost', {
          value: sumOf(scope.months, (x) => x.vacancies_wte) * this.s.delivery.caseload_per_wte, unit: 'person-months', section: '§4.3',
          formula: 'Σ months V(t) × caseload_per_wte',
        }, () => [this.vacancies(scope), this.input('delivery.caseload_per_wte')]);
    }
    throw new Error(`explain: no tree for metric ${metric}`);
  }

  /** Numbers the nodes pointed to, in print order, and fills in each pointer's `see`. */
  finish(root: ExplainNode): ExplainNode {
    const targets = new Set(this.pointers.values());
    let next = 1;
    const number = (n: ExplainNode): void => {
      if (targets.has(n)) n.id = next++;
      n.children.forEach(number);
    };
    number(root);
    const link = (n: ExplainNode): ExplainNode => {
      const target = this.pointers.get(n);
      const { id, label, value, unit, formula, section, op, input, reference, origin } = n;
      return {
        ...(id !== undefined ? { id } : {}),
        label,
        value,
        unit,
        ...(formula !== undefined ? { formula } : {}),
        ...(section !== undefined ? { section } : {}),
        ...(op !== undefined ? { op } : {}),
        ...(input !== undefined ? { input } : {}),
        ...(reference !== undefined ? { reference } : {}),
        ...(origin !== undefined ? { origin } : {}),
        ...(target?.id !== undefined ? { see: target.id } : {}),
        children: n.children.map(link),
      };
    };
    return link(root);
  }
}

/** The calculation tree of `options.metric` over the horizon, one financial year or one month. */
export function explain(projected: Projected, reference: ReferenceData, options: ExplainOptions): ExplainNode {
  const b = new TreeBuilder(projected, reference, options.inputUnit ?? (() => undefined));
  return b.finish(b.root(options.metric, b.scopeFor(options.scope)));
}

export function explainDocument(projected: Projected, reference: ReferenceData, options: ExplainOptions): ExplainDocument {
  const b = new TreeBuilder(projected, reference, options.inputUnit ?? (() => undefined));
  const scope = b.scopeFor(options.scope);
  const tree = b.finish(b.root(options.metric, scope));
  const { loaded, scenario, result } = projected;
  return {
    peerplan_version: VERSION,
    scenario: { name: result.name, file: loaded.file, hash: loaded.hash, reference: scenario.reference },
    metric: options.metric,
    scope: {
      kind: scope.kind,
      label: scope.label,
      from: (scope.months[0] as MonthResult).month,
      to: (scope.months[scope.months.length - 1] as MonthResult).month,
    },
    tree,
  };
}
