/**
 * `explain(projected, reference, { metric, scope })`: the calculation tree of one figure,
 * from the figure down to the scenario inputs and reference values it rests on
 * (docs/OUTPUT.md, "explain"). Pure: no I/O.
 *
 * Numbers come from the engine's full-detail result (months and years) and, for the
 * intermediate values the result does not carry (annual pay, on-costs and the supervisor's
 * hourly cost of each month, hazard multipliers, lags, the lowest pay point), from the
 * trace the engine records beside it (engine/trace.ts): never from a second implementation
 * of the model, so every value in the tree is the value the engine computed. Benefit
 * streams are split out by projecting the scenario once per stream: streams do not affect
 * one another or the workforce.
 *
 * A step used in several places (in-post WTE feeds every cost component) is expanded
 * where it first appears; later appearances show their own value and point back to it
 * with `see`, which keeps the tree finite where the model loops (burnout → leaving →
 * vacancies → caseload → burnout) and short where years repeat.
 */
import type { Projected } from '../result/document.js';
import type { ReferenceData } from '../reference/types.js';
import { citation, referenceEntries, type ReferenceEntry } from '../reference/entries.js';
import type { CostComponent, MonthResult, ScenarioResult, YearResult } from '../engine/result.js';
import { COST_COMPONENTS } from '../engine/result.js';
import { BURNOUT_DRIVERS, type BurnoutDriver, type PayPoint, type Scenario } from '../scenario/types.js';
import type { OriginMap } from '../scenario/origin.js';
import { isPercentPath } from '../scenario/fields.js';
import { getAt } from '../source/positions.js';
import { project } from '../engine/project.js';
import { engineTrace, type EngineTrace } from '../engine/trace.js';
import { formulaText, type Formula } from '../engine/formula.js';
import { FORMULAS as PAY } from '../engine/pay.js';
import { FORMULAS as WORKFORCE } from '../engine/workforce.js';
import { FORMULAS as BURNOUT } from '../engine/burnout.js';
import { FORMULAS as CONTINUITY } from '../engine/continuity.js';
import { FORMULAS as DELIVERY } from '../engine/delivery.js';
import { FORMULAS as BENEFITS } from '../engine/benefits.js';
import { FORMULAS as MONEY } from '../engine/money.js';
import { FORMULAS as APPRAISAL } from '../engine/appraisal.js';
import { COMPONENT_FORMULAS, FORMULAS as COSTS } from '../engine/costs.js';
import type { ContractType } from '../scenario/types.js';
import { costLabel } from '../metrics/costs.js';
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

/** A formula from an engine module's table, as a node's `formula` and `section`. */
function F(f: Formula, values?: Readonly<Record<string, string>>): { formula: string; section: string } {
  return { formula: formulaText(f, values), section: f.section };
}

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
  /** The engine's intermediate values for this result. */
  private readonly t: EngineTrace;
  private readonly type: ContractType;
  private readonly paid: boolean;

  constructor(
    private readonly projected: Projected,
    private readonly ref: ReferenceData,
    private readonly unitOf: (path: string) => string | undefined,
  ) {
    this.s = projected.scenario;
    this.r = projected.result;
    this.origins = projected.loaded.origins;
    this.entries = new Map(referenceEntries(ref).map((e) => [e.key, e]));
    // A result that did not come straight from `project` (a copy) has no trace: project again for it.
    this.t = engineTrace(this.r) ?? (engineTrace(project(this.s, ref)) as EngineTrace);
    this.type = this.s.workforce.contract.type;
    this.paid = this.type !== 'voluntary';
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
      label: 'WTE in post P(t)', unit: 'WTE', ...F(WORKFORCE.inPost),
    }, (m) => m.wte_in_post, () => [this.input('workforce.starting_wte'), this.hazard(scope), this.hires(scope)]);
  }

  funded(scope: Scope): ExplainNode {
    const changes = this.s.workforce.funding_changes;
    return this.series('funded', scope, 'mean', {
      label: 'Funded WTE F(t)', unit: 'WTE', ...F(WORKFORCE.funded),
    }, (m) => m.funded_wte, () => [
      this.input('workforce.funded_wte'),
      ...(changes.length === 0
        ? [this.input('workforce.funding_changes')]
        : changes.flatMap((_, i) => [this.input(`workforce.funding_changes[${i}].from`), this.input(`workforce.funding_changes[${i}].funded_wte`)])),
    ]);
  }

  vacancies(scope: Scope): ExplainNode {
    return this.series('vacancies', scope, 'mean', {
      label: 'Vacant WTE V(t)', unit: 'WTE', ...F(WORKFORCE.vacancies),
    }, (m) => m.vacancies_wte, () => [this.funded(scope), this.inPost(scope)]);
  }

  hazard(scope: Scope): ExplainNode {
    return this.series('hazard', scope, 'level', {
      label: 'Leaver hazard H(t)', unit: 'fraction', ...F(WORKFORCE.hazard),
    }, (m) => m.leaver_hazard, () => [
      this.input(this.paid ? 'turnover.annual_leaver_rate' : 'volunteers.annual_leaver_rate'),
      this.contractMultiplier(scope),
      this.burnoutMultiplier(scope),
      this.payLeaving(),
      ...(this.type === 'fixed_term' ? [this.termEnd(scope)] : []),
    ]);
  }

  /** §2.2 The pay gap's multiplier on the leaver hazard (the engine's trace). */
  payLeaving(): ExplainNode {
    return this.fixed('payLeaving', {
      label: 'Pay gap hazard multiplier', value: this.t.payLeavingMultiplier, unit: 'factor', ...F(WORKFORCE.payLeaving),
    }, () => [
      this.input('turnover.pay_leaving_elasticity'),
      this.refValue('burnout.fair_band', 'comparable pay: first point of the fair band'),
      this.input(this.s.workforce.salary !== null ? 'workforce.salary' : 'workforce.band'),
    ]);
  }

  contractMultiplier(scope: Scope): ExplainNode {
    const type = this.type;
    const formula = F(type === 'permanent' ? WORKFORCE.contractPermanent : type === 'fixed_term' ? WORKFORCE.contractFixedTerm : WORKFORCE.contractOther, { type });
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
    return this.series('contractMultiplier', scope, 'level', { label: 'Contract hazard multiplier', unit: 'factor', ...formula },
      (m) => this.t.contractMultiplier[m.index] as number, () => [this.input('workforce.contract.type'), ...byType]);
  }

  termEnd(scope: Scope): ExplainNode {
    return this.series('termEnd', scope, 'level', {
      label: 'Term-end separation e(t)', unit: 'fraction', ...F(WORKFORCE.termEnd),
    }, (m) => this.t.termEnd[m.index] as number, () => [
      this.input('workforce.contract.renewal_probability'),
      this.input('workforce.contract.term_months'),
    ]);
  }

  burnoutMultiplier(scope: Scope): ExplainNode {
    return this.series('burnoutMultiplier', scope, 'level', {
      label: 'Burnout hazard multiplier', unit: 'factor', ...F(BURNOUT.leavingMultiplier),
    }, (m) => this.t.burnoutMultiplier[m.index] as number, () => [
      this.burnout(scope),
      this.refValue('burnout.baseline_share', 'reference team burnout B_ref (NHS Staff Survey 2024)'),
      this.input('burnout.leaving_hazard_ratio'),
    ]);
  }

  /** §3.4 The team's sickness absence s(t): the NHS rate moved by its burnout (the engine's trace). */
  sickness(scope: Scope): ExplainNode {
    return this.series('sickness', scope, 'mean', {
      label: 'Sickness absence s(t)', unit: 'fraction', ...F(BURNOUT.sickness),
    }, (m) => this.t.sickness[m.index] as number, () => [
      this.input('delivery.sickness_absence'),
      this.burnout(scope),
      this.refValue('burnout.baseline_share', 'reference team burnout B_ref (NHS Staff Survey 2024)'),
      this.input('burnout.absence_ratio'),
    ]);
  }

  /** §3.4 Effectiveness of the support given E(t): the trials' effect moved by the team's burnout (the engine's trace). */
  effectiveness(scope: Scope): ExplainNode {
    return this.series('effectiveness', scope, 'mean', {
      label: 'Effectiveness of support E(t) against the trials\' workers', unit: 'factor', ...F(BURNOUT.effectiveness),
    }, (m) => this.t.effectiveness[m.index] as number, () => [
      this.burnout(scope),
      this.refValue('burnout.baseline_share', 'reference team burnout B_ref (NHS Staff Survey 2024)'),
      this.input('burnout.effectiveness_loss'),
      this.teamEffectiveness(),
      this.supervisionEffectiveness(),
    ]);
  }

  /** §3.4 The effect kept through supervision besides burnout (the engine's trace). */
  supervisionEffectiveness(): ExplainNode {
    return this.fixed('supervisionEffectiveness', {
      label: 'Supervision factor S: effect kept through supervision, besides burnout', value: this.t.supervisionEffectiveness, unit: 'factor', ...F(BURNOUT.supervisionEffectiveness),
    }, () => [
      this.input('burnout.supervision_effect_loss'),
      this.input('supervision.hours_per_worker_per_month'),
      this.input('supervision.workers_per_supervisor'),
      this.refValue('burnout.reference_team.supervision_hours', 'reference team\'s supervision hours (a_ref)'),
      this.refValue('supervision.hours_per_worker_per_month', 'benchmark hours'),
      this.refValue('supervision.workers_per_supervisor', 'benchmark span'),
    ]);
  }

  /** §3.4 The effect kept by the team besides burnout: 1 − λ × isolation score (the engine's trace). */
  teamEffectiveness(): ExplainNode {
    return this.fixed('teamEffectiveness', {
      label: 'Team factor T: effect kept by the peer team, besides burnout', value: this.t.teamEffectiveness, unit: 'factor', ...F(BURNOUT.teamEffectiveness),
    }, () => [
      this.input('burnout.isolation_effect_loss'),
      this.input('workforce.team_size'),
      this.refValue('burnout.reference_team.team_size', 'team size at and above which isolation adds nothing'),
    ]);
  }

  fill(): ExplainNode {
    return this.fixed('fill', {
      label: 'Vacancy fill rate f', value: this.t.fillRate, unit: 'fraction', ...F(WORKFORCE.fill),
    }, () => [this.input('turnover.months_to_fill')]);
  }

  hires(scope: Scope): ExplainNode {
    return this.series('hires', scope, 'sum', {
      label: 'Hires N(t)', unit: 'WTE', ...F(WORKFORCE.hires),
    }, (m) => m.hires, () => [this.fill(), this.funded(scope), this.inPost(scope), this.hazard(scope)]);
  }

  leavers(scope: Scope): ExplainNode {
    return this.series('leavers', scope, 'sum', {
      label: 'Leavers L(t)', unit: 'WTE', ...F(WORKFORCE.leavers),
    }, (m) => m.leavers, () => [this.inPost(scope), this.hazard(scope)]);
  }

  induction(scope: Scope): ExplainNode {
    return this.series('induction', scope, 'mean', {
      label: 'WTE in induction I(t)', unit: 'WTE', ...F(WORKFORCE.induction),
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
      label: 'Burnout B(t), expected % of the team burnt out', unit: '% of team', ...F(BURNOUT.burnout),
    }, (m) => m.burnout_risk, () => [
      this.refValue('burnout.baseline_share', 'reference team burnout B_ref (NHS Staff Survey 2024)'),
      ...BURNOUT_DRIVERS.map((d) => this.driver(d, scope)),
    ]);
  }

  private driver(d: BurnoutDriver, scope: Scope): ExplainNode {
    const [formula, children] = this.driverSteps(d, scope);
    return this.series(`driver.${d}`, scope, 'level', { label: DRIVER_LABEL[d], unit: 'odds ratio', ...F(formula, { type: this.type }) },
      (m) => m.burnout_drivers[d], children);
  }

  private driverSteps(d: BurnoutDriver, scope: Scope): [Formula, () => ExplainNode[]] {
    const type = this.type;
    switch (d) {
      case 'supervision':
        return [
          BURNOUT.supervision,
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
          type === 'permanent' ? BURNOUT.insecurityPermanent : type === 'fixed_term' ? BURNOUT.insecurityFixedTerm : BURNOUT.insecurityOther,
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
          BURNOUT.isolation,
          () => [
            this.input('workforce.team_size'),
            this.refValue('burnout.reference_team.team_size', 'reference team size n_ref'),
            this.input('burnout.odds_ratios.isolation'),
            this.input('supervision.peer_group_supervision'),
            this.input('burnout.odds_ratios.peer_group_supervision'),
          ],
        ];
      case 'pay': {
        if (!this.paid) return [BURNOUT.payVoluntary, () => [this.input('workforce.contract.type')]];
        const fair = this.ref.burnout.fair_band.value;
        const floorBand = this.t.lowestPayPoint.band;
        return [
          BURNOUT.pay,
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
          BURNOUT.caseload,
          () => [
            this.input('burnout.odds_ratios.caseload'),
            this.input('delivery.caseload_per_wte'),
            this.refValue('workforce.caseload_per_wte', 'planned caseload'),
            this.refValue('burnout.drivers.caseload_overload_full', 'overload at score 1 (the vacancy pressure adds at most 1)'),
            this.funded(scope),
            this.inPost(scope),
            this.induction(scope),
          ],
        ];
      case 'training':
        return [
          BURNOUT.training,
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

  // Continuity and delivery (§4–§5)

  completion(scope: Scope): ExplainNode {
    return this.series('completion', scope, 'mean', {
      label: 'Completion probability p(t)', unit: 'fraction', ...F(CONTINUITY.completion),
    }, (m) => m.continuity_probability, () => [this.input('delivery.relationship_months'), this.hazard(scope)]);
  }

  private supervisionShare(): ExplainNode {
    return this.fixed('supShare', {
      label: 'Share of paid time in own supervision s_sup',
      value: this.t.supervisionShare,
      unit: 'fraction', ...F(DELIVERY.supervisionShare),
    }, () => [
      this.input('supervision.hours_per_worker_per_month'),
      this.refValue('pay.hours_per_week', 'hours a week at 1.0 WTE'),
      this.refValue('pay.weeks_per_year', 'weeks a year'),
    ]);
  }

  productive(scope: Scope): ExplainNode {
    return this.series('productive', scope, 'mean', {
      label: 'Productive WTE', unit: 'WTE', ...F(DELIVERY.productive),
    }, (m) => m.productive_wte, () => [
      this.inPost(scope),
      this.induction(scope),
      this.supervisionShare(),
      this.input('training.backfill_share'),
      this.sickness(scope),
    ]);
  }

  episodes(scope: Scope, labelNote = ''): ExplainNode {
    return this.series('episodes', scope, 'sum', {
      label: `Episodes started${labelNote}`, unit: 'people', ...F(BENEFITS.episodes),
    }, (m) => m.episodes, () => [this.productive(scope), this.input('delivery.caseload_per_wte'), this.input('delivery.relationship_months')]);
  }

  completed(scope: Scope, labelNote = ''): ExplainNode {
    return this.series('completed', scope, 'sum', {
      label: `Completed episodes${labelNote}`, unit: 'people', ...F(CONTINUITY.completed),
    }, (m) => m.completed_episodes, () => [this.episodes(scope), this.completion(scope)]);
  }

  discountFactor(scope: Scope): ExplainNode {
    return this.series('discount', scope, 'level', {
      label: 'Discount factor DF(t)', unit: 'factor', ...F(APPRAISAL.discountFactor),
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
        label: 'Basic salary (2025/26 prices)', value: this.t.basic, unit: '£/year', ...F(PAY.basicOverride),
      }, () => [this.input('workforce.salary')]);
    }
    const points = this.ref.pay.bands.points[wf.band];
    return this.fixed('basic', {
      label: 'Basic salary (2025/26 prices)', value: this.t.basic, unit: '£/year', ...F(PAY.basicPoint, { point: String(wf.pay_point), rule: this.pointRule(wf.pay_point, points.length) }),
    }, () => [
      this.input('workforce.band'),
      this.input('workforce.pay_point'),
      this.refValue(`pay.bands.points.${wf.band}`, `Band ${wf.band} pay points`),
      this.input('workforce.salary'),
    ]);
  }

  private hcasNode(key: string, label: string, basic: () => ExplainNode, hcas: number): ExplainNode {
    const area = this.s.workforce.high_cost_area;
    if (area === 'none') {
      return this.fixed(key, { label, value: 0, unit: '£/year', ...F(PAY.hcasNone) }, () => [
        this.input('workforce.high_cost_area'),
      ]);
    }
    return this.fixed(key, {
      label, value: hcas, unit: '£/year', ...F(PAY.hcas),
    }, () => [
      this.input('workforce.high_cost_area'),
      this.refValue(`hcas.areas.${area}.rate`, 'HCAS rate'),
      this.refValue(`hcas.areas.${area}.min`, 'HCAS minimum'),
      this.refValue(`hcas.areas.${area}.max`, 'HCAS maximum'),
      basic(),
    ]);
  }

  hcas(): ExplainNode {
    return this.hcasNode('hcas', 'High Cost Area Supplement', () => this.basicSalary(), this.t.hcas);
  }

  uplift(scope: Scope): ExplainNode {
    return this.series('uplift', scope, 'level', {
      label: 'Pay uplift factor U', unit: 'factor', ...F(PAY.uplift),
    }, (m) => m.pay_uplift_factor, () => [
      this.input('finance.pay_uplift'),
      this.refValue('valid_from', 'pay tables valid from'),
      this.input('horizon.start'),
    ]);
  }

  annualPay(scope: Scope): ExplainNode {
    const type = this.input('workforce.contract.type');
    return this.series('annualPay', scope, 'level', {
      label: 'Annual pay per WTE A', unit: '£/year', ...F(this.paid ? PAY.annualPay : PAY.annualPayVoluntary),
    }, (m) => this.t.annualPay[m.index] as number, () => (this.paid ? [this.basicSalary(), this.hcas(), this.uplift(scope), type] : [type]));
  }

  niPerWte(scope: Scope): ExplainNode {
    return this.series('ni', scope, 'level', {
      label: 'Employer NI per WTE-year NI(A)', unit: '£/year', ...F(PAY.employerNi),
    }, (m) => this.t.niPerWte[m.index] as number, () => [
      this.annualPay(scope),
      this.refValue('on_costs.employer_ni_rate', 'employer NI rate'),
      this.refValue('on_costs.employer_ni_threshold', 'employer NI threshold'),
    ]);
  }

  pensionRate(): ExplainNode {
    const p = this.s.finance.pension;
    const key = p === 'auto_enrolment' ? 'pension_auto_enrolment_minimum' : typeof p === 'string' ? `pension_${p}` : null;
    return this.fixed('pension', {
      label: 'Employer pension rate', value: this.t.pensionRate, unit: 'fraction', ...F(p === 'auto_enrolment' ? PAY.pensionAutoEnrolment : key ? PAY.pensionScheme : PAY.pensionGivenRate, { pension: String(p), key: key ?? '' }),
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
      label: 'Apprenticeship levy rate on pay', value: this.t.levyRate, unit: 'fraction', ...F(PAY.levyRate),
    }, () => [
      this.input('employer.annual_paybill'),
      this.refValue('on_costs.apprenticeship_levy_threshold', 'levy pay bill threshold'),
      this.refValue('on_costs.apprenticeship_levy_rate', 'apprenticeship levy rate'),
    ]);
  }

  employmentCost(scope: Scope): ExplainNode {
    return this.series('employmentCost', scope, 'level', {
      label: 'Employment cost per WTE-year E', unit: '£/year', ...F(PAY.employmentCost),
    }, (m) => this.t.employmentCost[m.index] as number, () => [this.annualPay(scope), this.niPerWte(scope), this.pensionRate(), this.levyRate()]);
  }

  private supervisorBasic(): ExplainNode {
    const sup = this.s.supervision.supervisor;
    const points = this.ref.pay.bands.points[sup.band];
    return this.fixed('supBasic', {
      label: 'Supervisor basic salary (2025/26 prices)', value: this.t.supervisorBasic, unit: '£/year', ...F(PAY.basicPoint, { point: String(sup.pay_point), rule: this.pointRule(sup.pay_point, points.length) }),
    }, () => [
      this.input('supervision.supervisor.band'),
      this.input('supervision.supervisor.pay_point'),
      this.refValue(`pay.bands.points.${sup.band}`, `Band ${sup.band} pay points`),
    ]);
  }

  supervisorHourly(scope: Scope): ExplainNode {
    return this.series('supHourly', scope, 'level', {
      label: 'Supervisor hourly employment cost', unit: '£/hour', ...F(PAY.supervisorHourly),
    }, (m) => this.t.supervisorHourly[m.index] as number, () => [
      this.supervisorBasic(),
      this.hcasNode('supHcas', 'Supervisor HCAS (same area)', () => this.supervisorBasic(), this.t.supervisorHcas),
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

  /** A month's formula over a scope of several months: Σ months of it. */
  private sigma(scope: Scope, f: Formula, values?: Readonly<Record<string, string>>): { formula: string; section: string } {
    const formula = formulaText(f, values);
    return { formula: scope.months.length > 1 ? `Σ months ${formula}` : formula, section: f.section };
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
        label, value: sumPounds(years.map((y) => (y.year as YearResult).cost[c])), unit: '£', op: 'sum', ...F(MONEY.years),
      }, () => years.map((y) => this.cost(c, y)));
    }
    const value = (scope.year ?? (scope.months[0] as MonthResult)).cost[c];
    if (c === 'total') {
      return this.concept(`cost.total@${scope.label}`, {
        label, value, unit: '£', op: 'sum', ...F(COSTS.total),
      }, () => COST_COMPONENTS.map((k) => this.cost(k, scope)));
    }
    return this.concept(`cost.${c}@${scope.label}`, {
      label, value, unit: '£', ...this.sigma(scope, COMPONENT_FORMULAS[c]),
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
            label: `Costs before overheads, ${scope.label}`, value: before, unit: '£', op: 'sum', ...F(COSTS.beforeOverheads),
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
        label, value: sumPounds(years.map((y) => (y.year as YearResult).funded_budget)), unit: '£', op: 'sum', ...F(MONEY.years),
      }, () => years.map((y) => this.fundedBudget(y)));
    }
    return this.concept(`budget@${scope.label}`, {
      label, value: (scope.year ?? (scope.months[0] as MonthResult)).funded_budget, unit: '£',
      ...this.sigma(scope, COSTS.budget),
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
        label, value: sumPounds(years.map((y) => (y.year as YearResult).cost_discounted)), unit: '£', op: 'sum', ...F(MONEY.years),
      }, () => years.map((y) => this.costDiscounted(y)));
    }
    return this.concept(`costPv@${scope.label}`, {
      label, value: (scope.year ?? (scope.months[0] as MonthResult)).cost_discounted, unit: '£',
      ...this.sigma(scope, APPRAISAL.costPv, { price_base: this.r.appraisal.price_base }),
    }, () => [this.cost('total', scope), this.discountFactor(scope)]);
  }

  optimismAdjusted(): ExplainNode {
    const h = this.horizon();
    return this.concept('optimism', {
      label: `Cost (PV) + optimism bias, ${h.label}`, value: this.r.metrics.total_cost_optimism_adjusted, unit: '£', ...F(APPRAISAL.optimism),
    }, () => [this.costDiscounted(h), this.input('finance.optimism_bias')]);
  }

  private difference(key: string, label: string, value: number, f: Formula, a: () => ExplainNode, b: () => ExplainNode): ExplainNode {
    return this.concept(key, { label, value, unit: '£', op: 'difference', ...F(f) }, () => [a(), b()]);
  }

  underspend(scope: Scope): ExplainNode {
    const row = scope.year ?? (scope.months[0] as MonthResult);
    const value = scope.kind === 'horizon' ? this.r.metrics.underspend : diffPounds(row.funded_budget, row.cost.total);
    return this.difference(`underspend@${scope.label}`, `Underspend (vacancies), ${scope.label}`, value, COSTS.underspend,
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
    const lag = this.t.lags[i] as number;
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
    // §3.4 Support given by a burnt-out team achieves less; WTE-years in post are not support.
    if (basisScope && b.basis !== 'worker_year') basis.push(this.effectiveness(basisScope));
    return this.concept(`stream.${i}@${scope.label}`, {
      label: `Benefit "${b.name}", ${scope.label}`, value, unit: '£',
      ...this.sigma(scope, BENEFITS.stream),
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
      ...(n > 0 ? { op: 'sum' as const } : {}), ...F(BENEFITS.evidenceAdjusted),
    }, () =>
      n === 0
        ? this.noStreams()
        : this.s.benefits.map((b, i) =>
            this.concept(`streamEvidence.${i}`, {
              label: `Benefit "${b.name}" (PV, evidence-adjusted)`, value: (this.r.benefit_streams[i] as ScenarioResult['benefit_streams'][number]).total_discounted_evidence_adjusted,
              unit: '£', ...F(BENEFITS.streamEvidenceAdjusted),
            }, () => [this.streamDiscounted(i, h), this.input(`benefits[${i}].evidence_haircut`)]),
          ),
    );
  }

  /** §5.2 The stream's value per basis unit: the factors the engine recorded, each input with its origin (not recomputed here). */
  private streamValue(i: number): ExplainNode {
    const factors = (this.r.benefit_streams[i] as ScenarioResult['benefit_streams'][number]).factors;
    const last = factors[factors.length - 1];
    return this.concept(`streamValue.${i}`, {
      label: last?.label ?? 'value per basis', value: last?.value ?? 0, unit: '£',
      ...F(BENEFITS.valuePerBasis, {
        relative: (this.s.benefits[i] as Scenario['benefits'][number]).relative_effect !== null ? 'base_rate × (1 − relative_effect) × ' : '',
        per_month: (this.s.benefits[i] as Scenario['benefits'][number]).basis === 'worker_year' ? ' ÷ 12' : '',
      }),
    }, () => {
      // A derived factor takes the inputs recorded just before it as its children.
      const out: ExplainNode[] = [];
      for (const f of factors.slice(0, -1)) {
        if (f.input !== '') {
          // The recorded value is the one the engine used; the label says what it is.
          out.push({ ...this.input(f.input), label: `${f.input} (${f.label})`, value: f.value });
        } else if (f.label.startsWith('outcomes avoided')) {
          out.push({ label: f.label, value: f.value, unit: f.unit, ...F(BENEFITS.outcomesAvoided), children: out.splice(-2) });
        } else if (f.label.startsWith('sessions per person')) {
          out.push({ label: f.label, value: f.value, unit: f.unit, ...F(BENEFITS.sessionsPerPerson), children: [...out.splice(-2), this.input('delivery.relationship_months')] });
        } else if (f.label.startsWith('dose share = min(1, sessions')) {
          out.push({ label: f.label, value: f.value, unit: f.unit, ...F(BENEFITS.doseShareSessions), children: out.splice(-2) });
        } else if (f.label.startsWith('dose share')) {
          out.push({ label: f.label, value: f.value, unit: f.unit, ...F(BENEFITS.doseShare), children: [this.input('delivery.relationship_months'), ...out.splice(-1)] });
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
      unit: '£',
      ...this.sigma(scope, BENEFITS.streamPv, {
        price_base: this.r.appraisal.price_base,
        health: b.health ? ' (health rate)' : '',
        after: scope.kind === 'horizon' ? '; + lagged benefits after the horizon when credited' : '',
      }),
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
      label: `Total benefit, ${scope.label}`, value, unit: '£', ...(n > 0 ? { op: 'sum' as const } : {}), ...F(BENEFITS.total),
    }, () => (n === 0 ? this.noStreams() : this.s.benefits.map((_, i) => this.stream(i, scope))));
  }

  totalBenefitDiscounted(scope: Scope): ExplainNode {
    const value =
      scope.kind === 'horizon' ? this.r.metrics.total_benefit_discounted : (scope.year ?? (scope.months[0] as MonthResult)).benefits_discounted;
    const n = this.s.benefits.length;
    return this.concept(`benefitPv@${scope.label}`, {
      label: `Total benefit (PV), ${scope.label}`, value, unit: '£', ...(n > 0 ? { op: 'sum' as const } : {}), ...F(BENEFITS.totalPv),
    }, () => (n === 0 ? this.noStreams() : this.s.benefits.map((_, i) => this.streamDiscounted(i, scope))));
  }

  cashableDiscounted(): ExplainNode {
    const h = this.horizon();
    const n = this.s.benefits.length;
    return this.concept('cashablePv', {
      label: `Cashable benefit (PV), ${h.label}`, value: this.r.metrics.cashable_benefit_discounted, unit: '£',
      ...(n > 0 ? { op: 'sum' as const } : {}), ...F(BENEFITS.cashable),
    }, () =>
      n === 0
        ? this.noStreams()
        : this.s.benefits.map((b, i) =>
            this.concept(`cashable.${i}`, {
              label: `Cashable part of "${b.name}" (PV)`, value: (this.r.benefit_streams[i] as ScenarioResult['benefit_streams'][number]).cashable_discounted,
              unit: '£', ...F(BENEFITS.cashableStream),
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
      return this.difference(`npv@${scope.label}`, `Net present value, ${scope.label}`, value, APPRAISAL.npv,
        () => this.totalBenefitDiscounted(scope), () => this.optimismAdjusted());
    }
    return this.difference(`npv@${scope.label}`, `Net present value, ${scope.label}`, value, APPRAISAL.npvYear,
      () => this.totalBenefitDiscounted(scope), () => this.costDiscounted(scope));
  }

  net(scope: Scope): ExplainNode {
    const value =
      scope.kind === 'horizon'
        ? diffPounds(this.r.metrics.total_benefit, this.r.metrics.total_cost)
        : scope.year
          ? scope.year.net
          : diffPounds((scope.months[0] as MonthResult).benefits.total, (scope.months[0] as MonthResult).cost.total);
    return this.difference(`net@${scope.label}`, `Net benefit, ${scope.label}`, value, APPRAISAL.net,
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
          APPRAISAL.npvOptimismAdjusted, () => this.totalBenefitDiscounted(h), () => this.optimismAdjusted());
      case 'net':
        return this.net(scope);
      case 'bcr':
        return plain('bcr', { value: m.bcr, unit: 'ratio', ...F(APPRAISAL.bcr) },
          () => [this.totalBenefitDiscounted(h), this.optimismAdjusted()]);
      case 'roi':
        return plain('roi', { value: m.roi, unit: 'fraction', ...F(APPRAISAL.roi) },
          () => [this.npv(h), this.optimismAdjusted()]);
      case 'total_benefit_discounted_evidence_adjusted':
        return this.benefitEvidenceAdjusted();
      case 'npv_evidence_adjusted':
        return this.difference('npvEvidence', `${metricLabel(metric)}, ${scope.label}`, m.npv_evidence_adjusted,
          BENEFITS.npvEvidenceAdjusted, () => this.benefitEvidenceAdjusted(), () => this.optimismAdjusted());
      case 'bcr_evidence_adjusted':
        return plain('bcrEvidence', { value: m.bcr_evidence_adjusted, unit: 'ratio', ...F(BENEFITS.bcrEvidenceAdjusted) },
          () => [this.benefitEvidenceAdjusted(), this.optimismAdjusted()]);
      case 'npv_unadjusted':
        return this.difference('npvUnadjusted', `${metricLabel(metric)}, ${scope.label}`, m.npv_unadjusted,
          APPRAISAL.npvUnadjusted, () => this.totalBenefitDiscounted(h), () => this.costDiscounted(h));
      case 'bcr_unadjusted':
        return plain('bcrUnadjusted', { value: m.bcr_unadjusted, unit: 'ratio', ...F(APPRAISAL.bcrUnadjusted) },
          () => [this.totalBenefitDiscounted(h), this.costDiscounted(h)]);
      case 'roi_unadjusted':
        return plain('roiUnadjusted', { value: m.roi_unadjusted, unit: 'fraction', ...F(APPRAISAL.roiUnadjusted) },
          () => [this.totalBenefitDiscounted(h), this.costDiscounted(h)]);
      case 'total_cost_real':
        return plain('costReal', { value: m.total_cost_real, unit: '£', ...F(APPRAISAL.costReal, { price_base: this.r.appraisal.price_base }) },
          () => [this.cost('total', h)]);
      case 'total_benefit_real':
        return plain('benefitReal', { value: m.total_benefit_real, unit: '£', ...F(APPRAISAL.benefitReal, { price_base: this.r.appraisal.price_base }) },
          () => [this.totalBenefit(h)]);
      case 'benefits_after_horizon_real':
        return plain('afterHorizonReal', { value: m.benefits_after_horizon_real, unit: '£', ...F(APPRAISAL.afterHorizonReal, { price_base: this.r.appraisal.price_base }) },
          () => [this.totalBenefit(h)]);
      case 'benefits_after_horizon_discounted':
        return plain('afterHorizon', { value: m.benefits_after_horizon_discounted, unit: '£', ...F(APPRAISAL.afterHorizon) },
          () => [this.totalBenefitDiscounted(h)]);
      case 'payback_month':
        return plain('payback', {
          value: m.payback_month, unit: 'month', ...F(APPRAISAL.payback),
        }, () => [this.totalBenefitDiscounted(h), this.costDiscounted(h)]);
      case 'cost_per_episode':
        return plain('costPerEpisode', { value: m.cost_per_episode, unit: '£', ...F(APPRAISAL.costPerEpisode) },
          () => [this.cost('total', h), this.episodes(h)]);
      case 'cost_per_completed_episode':
        return plain('costPerCompleted', { value: m.cost_per_completed_episode, unit: '£', ...F(APPRAISAL.costPerCompleted) },
          () => [this.cost('total', h), this.completed(h)]);
      case 'worker_supervision_time_value':
        return plain('workerSupervision', {
          value: m.worker_supervision_time_value, unit: '£', ...F(COSTS.workerSupervision),
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
        return plain('vacancyRate', { value, unit: 'fraction', ...F(APPRAISAL.vacancyRate) },
          () => [this.vacancies(scope), this.funded(scope)]);
      }
      case 'burnout_risk_peak': {
        let peak = scope.months[0] as MonthResult;
        for (const x of scope.months) if (x.burnout_risk > peak.burnout_risk) peak = x;
        return plain('burnoutPeak', { value: peak.burnout_risk, unit: '% of team', ...F(BURNOUT.peak, { month: peak.month }) },
          () => [this.burnout(this.monthScope(peak))]);
      }
      case 'continuity': {
        // The score as the engine reports it (its horizon and year rows round in different orders).
        const value = scope.kind === 'horizon' ? m.continuity : scope.year ? scope.year.continuity : 100 * (scope.months[0] as MonthResult).continuity_probability;
        return plain('continuity', { value, unit: 'index 0-100', ...F(CONTINUITY.score) },
          () => [this.completion(scope)]);
      }
      case 'service_user_months_lost':
        return plain('monthsLost', {
          value: sumOf(scope.months, (x) => x.vacancies_wte) * this.s.delivery.caseload_per_wte, unit: 'person-months', ...F(CONTINUITY.monthsLost),
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
