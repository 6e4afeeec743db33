/**
 * One benefit stream's defaults and origins (docs/SCENARIO.md "benefits"): the evidence
 * library entry and unit cost it names supply its relative effect, base rate, dose, unit
 * value, price year and haircut; local values override them only with a `source`.
 */
import type { Origin } from '../scenario/origin.js';
import { BENEFIT_BASES, BENEFIT_CATEGORIES, GAIN_KINDS, PAYERS, type Benefit, type BenefitCategory, type GainKind, type Payer } from '../scenario/types.js';
import type { EvidenceEntry, EvidenceLibrary, UnitCost } from '../evidence/types.js';
import { controlRate, financialYearOf, gradeHaircut, NO_EVIDENCE_HAIRCUT, relativeEffect, unverifiedNote } from '../evidence/effects.js';
import type { DiagnosticDraft } from '../source/positions.js';
import { didYouMean } from '../source/did-you-mean.js';
import { bool, int, num, oneOf, pct, str, type Convert, type Take } from './convert.js';

export interface BenefitContext {
  take: Take;
  dflt: <T>(value: T, note: string) => () => [T, Origin];
  given: Set<string>;
  unresolved: Set<string>;
  drafts: DiagnosticDraft[];
  present: (path: string) => boolean;
  bad: (path: string) => boolean;
  library: EvidenceLibrary | null;
  priceBase: string;
  checkFy: (path: string) => void;
  fyLabel: Convert<string>;
}

const nullable =
  <T>(convert: Convert<T>): Convert<T | null> =>
  (v) =>
    convert(v);

export function resolveBenefit(path: string, c: BenefitContext): Benefit {
  const { take, dflt, given, drafts, library } = c;
  const libId = library?.id ?? 'none';
  const fromLibrary = (id: string, note: string): Origin => ({ kind: 'evidence', library: libId, id, note });

  const name = take(`${path}.name`, str, dflt('', 'missing'));
  const basis = take(`${path}.basis`, oneOf(BENEFIT_BASES), dflt('person_supported' as const, 'peerplan default: per person supported (the intention-to-treat basis of the trials)'));

  // The library items named.
  const evidenceId = take(`${path}.evidence`, nullable(str), dflt<string | null>(null, 'peerplan default: no evidence entry (a local stream)'));
  const entry = evidenceId === null ? null : lookup(c, `${path}.evidence`, evidenceId, 'evidence', library?.entries ?? [], library?.unit_costs ?? []);
  const unitCostId = take(`${path}.unit_cost`, nullable(str), dflt<string | null>(null, 'peerplan default: no unit cost (a local unit value)'));
  const cost = unitCostId === null ? null : lookup(c, `${path}.unit_cost`, unitCostId, 'unit cost', library?.unit_costs ?? [], library?.entries ?? []);
  const flag = entry ? unverifiedNote(entry) : '';
  const costFlag = cost ? unverifiedNote(cost) : '';

  const source = take(`${path}.source`, str, dflt('', 'not stated'));

  // The effect: relative (risk ratio on a base rate) or absolute (quantity per basis).
  const rr = entry ? relativeEffect(entry) : null;
  const relative_effect = take(`${path}.relative_effect`, nullable(num), () =>
    entry && rr
      ? [rr.value, fromLibrary(entry.id, `${rr.note}${flag}`)]
      : [null, { kind: 'default', note: 'peerplan default: no relative effect (an absolute stream: quantity per basis)' }],
  );
  const control = entry ? controlRate(entry) : null;
  let transplanted = false;
  const base_rate = take(`${path}.base_rate`, nullable(pct()), () => {
    if (relative_effect !== null && entry && control) {
      transplanted = true;
      return [control.value, fromLibrary(entry.id, `${control.note}, transplanted from the trial's population${flag}`)];
    }
    return [null, { kind: 'default', note: 'peerplan default: no base rate (an absolute stream)' }];
  });
  const relative = relative_effect !== null && base_rate !== null;
  const dose_months = take(`${path}.dose_months`, nullable(num), () =>
    entry?.dose?.months !== undefined
      ? [entry.dose.months, fromLibrary(entry.id, `the evidence's dose${entry.dose.sessions !== undefined ? `, up to ${entry.dose.sessions} sessions` : ''} over ${entry.dose.months} months`)]
      : [null, { kind: 'default', note: 'peerplan default: no dose (benefit per person does not depend on relationship_months)' }],
  );
  const dose_sessions = take(`${path}.dose_sessions`, nullable(num), () =>
    entry?.dose?.sessions !== undefined
      ? [entry.dose.sessions, fromLibrary(entry.id, `the evidence's dose, up to ${entry.dose.sessions} sessions${entry.dose.months !== undefined ? ` over ${entry.dose.months} months` : ''}`)]
      : [null, { kind: 'default', note: 'peerplan default: no session dose (the dose in months, if any, decides)' }],
  );
  const quantity = take(`${path}.quantity`, num, relative ? dflt(1, 'peerplan default: one unit per outcome avoided') : dflt(0, 'missing'));
  const unit_value = take(`${path}.unit_value`, num, () =>
    cost ? [cost.value, fromLibrary(cost.id, `${cost.title}, ${cost.source}${costFlag}`)] : [0, { kind: 'default', note: 'missing' }],
  );
  c.checkFy(`${path}.price_year`);
  const price_year = take(`${path}.price_year`, c.fyLabel, () =>
    cost
      ? [financialYearOf(cost.price_year), fromLibrary(cost.id, `the unit cost's price year (${cost.price_year})`)]
      : [c.priceBase, { kind: 'default', note: "peerplan default: unit_value is already in the price base year's prices" }],
  );
  const evidence_haircut = take(`${path}.evidence_haircut`, pct(), () =>
    entry && library
      ? [gradeHaircut(library, entry.grade), fromLibrary(entry.id, `grade ${entry.grade} (${library.grades[String(entry.grade)]?.label ?? '?'}) haircut, an assumption`)]
      : [NO_EVIDENCE_HAIRCUT, { kind: 'default', note: 'peerplan default: 40%, the lowest grade\'s haircut, for a stream without evidence' }],
  );

  // §7.6 Who gains: the unit cost's defaults, else by category.
  const category = take(`${path}.category`, oneOf(BENEFIT_CATEGORIES), dflt('social' as const, 'missing'));
  const byCategory = CATEGORY_GAIN[category];
  const payer = take(`${path}.payer`, oneOf(PAYERS), () =>
    cost?.payer ? [cost.payer as Payer, fromLibrary(cost.id, "the unit cost's beneficiary")] : [byCategory.payer, { kind: 'default', note: `peerplan default for a ${category} stream` }],
  );
  const kind = take(`${path}.kind`, oneOf(GAIN_KINDS), () =>
    cost?.benefit_kind ? [cost.benefit_kind as GainKind, fromLibrary(cost.id, "the unit cost's kind of gain")] : [byCategory.kind, { kind: 'default', note: `peerplan default for a ${category} stream` }],
  );
  const transfer_share = take(`${path}.transfer_share`, pct(), () =>
    cost?.transfer_share !== undefined
      ? [cost.transfer_share, fromLibrary(cost.id, "the unit cost's transfer share (DWP/HM Treasury)")]
      : [0, { kind: 'default', note: 'peerplan default: 0%, no transfer' }],
  );

  const benefit: Benefit = {
    name,
    basis,
    evidence: evidenceId,
    base_rate,
    relative_effect,
    dose_months,
    dose_sessions,
    quantity,
    unit_cost: unitCostId,
    unit_value,
    attribution: take(`${path}.attribution`, pct(), dflt(1, 'peerplan default: 100%, all of the outcome is attributed to peer support')),
    deadweight: take(`${path}.deadweight`, pct(), dflt(0, 'peerplan default: 0%, none of the outcome would have happened anyway')),
    lag_months: take(`${path}.lag_months`, int, dflt(0, 'peerplan default: no lag')),
    drop_off: take(`${path}.drop_off`, pct(), dflt(0, 'peerplan default: 0%, no drop-off')),
    cashable: take(`${path}.cashable`, pct(), dflt(0, 'peerplan default: 0%, not cashable unless stated')),
    category,
    payer,
    kind,
    transfer_share,
    health: take(`${path}.health`, bool, dflt(false, 'peerplan default: not a health effect (discounted at the standard rate)')),
    price_year,
    evidence_haircut,
    source,
  };

  // §5.2 checks: a complete effect and value, and a source for every local override.
  const incomplete = (field: string, message: string, expected: string, example: string): void => {
    c.unresolved.add(`${path}.${field}`);
    drafts.push({ code: 'BENEFIT_INCOMPLETE', path: given.has(`${path}.${field}`) ? `${path}.${field}` : path, message, expected, example });
  };
  // An unknown evidence id is already reported: its missing effect would only repeat it.
  const evidenceUnknown = evidenceId !== null && entry === null;
  if (evidenceUnknown) {
    // Nothing more to say about the effect.
  } else if (given.has(`${path}.base_rate`) && relative_effect === null) {
    incomplete('relative_effect', `benefit "${name}" has a base_rate but no relative effect to apply to it`,
      'relative_effect (a risk ratio), or evidence naming an entry with one (such as core-2018-readmission)', 'evidence: core-2018-readmission');
  } else if (relative_effect !== null && base_rate === null) {
    incomplete('base_rate', `benefit "${name}" has a relative effect but no base rate to apply it to`,
      'base_rate: the local rate of the outcome without peer support', 'base_rate: 25%');
  } else if (!relative && !given.has(`${path}.quantity`) && !c.bad(`${path}.quantity`)) {
    incomplete('quantity', `benefit "${name}" has no quantity: without a relative effect it needs the units per ${basis.replace('_', ' ')}`,
      'quantity, or evidence naming an entry with a relative effect', 'quantity: 0.01');
  }
  if (cost === null && unitCostId === null && !given.has(`${path}.unit_value`) && !c.bad(`${path}.unit_value`)) {
    incomplete('unit_value', `benefit "${name}" has no value per unit`, 'unit_cost naming a library unit cost, or unit_value in £', 'unit_cost: mh-bed-day');
  }
  if (source === '') {
    const overrides: Array<[string, boolean]> = [
      ['relative_effect', rr !== null],
      ['dose_months', entry?.dose?.months !== undefined],
      ['dose_sessions', entry?.dose?.sessions !== undefined],
      ['unit_value', cost !== null],
      ['price_year', cost !== null],
    ];
    for (const [field, fromLib] of overrides) {
      const p = `${path}.${field}`;
      if (!fromLib || !given.has(p)) continue;
      drafts.push({
        code: 'OVERRIDE_WITHOUT_SOURCE',
        path: p,
        message: `${field} overrides the library's value for benefit "${name}" but the stream says nowhere where the local value comes from`,
        expected: 'source: where the local value comes from (a local audit, a published study)',
        example: `source: Trust data, 2024/25`,
      });
    }
  }
  if (transplanted && entry && control) {
    drafts.push({
      code: 'TRANSPLANTED_BASE_RATE',
      path: `${path}.evidence`,
      message: `benefit "${name}" applies ${entry.id}'s relative effect to its own control arm's rate (${pctText(control.value)}, ${entry.population.toLowerCase()}): a local caseload's rate may differ`,
      expected: 'base_rate: the local rate of the outcome without peer support, with source',
      example: `base_rate: 25%\nsource: Trust readmission audit, 2024/25`,
    });
  }
  return benefit;
}

/** A stream's beneficiary without a unit cost naming one: fiscal → NHS provider capacity, economic → society, social → the person. */
const CATEGORY_GAIN: Record<BenefitCategory, { payer: Payer; kind: GainKind }> = {
  fiscal: { payer: 'nhs_provider', kind: 'capacity' },
  economic: { payer: 'society', kind: 'social' },
  social: { payer: 'person', kind: 'social' },
};

function pctText(x: number): string {
  return `${(Math.round(x * 1000) / 10).toString()}%`;
}

/** The library item of the id, or null with an UNKNOWN_* draft (and a did-you-mean). */
function lookup<T extends EvidenceEntry | UnitCost>(
  c: BenefitContext,
  path: string,
  id: string,
  kind: 'evidence' | 'unit cost',
  items: readonly T[],
  others: readonly (EvidenceEntry | UnitCost)[],
): T | null {
  const found = items.find((x) => x.id === id);
  if (found) return found;
  c.unresolved.add(path);
  const ids = items.map((x) => x.id);
  const other = others.some((x) => x.id === id);
  const field = kind === 'evidence' ? 'evidence' : 'unit_cost';
  c.drafts.push({
    code: kind === 'evidence' ? 'UNKNOWN_EVIDENCE' : 'UNKNOWN_UNIT_COST',
    path,
    message: other
      ? `"${id}" is ${kind === 'evidence' ? 'a unit cost' : 'an evidence entry'}, not ${kind === 'evidence' ? 'an evidence entry' : 'a unit cost'}`
      : `there is no ${kind} "${id}" in the evidence library${c.library ? ` ${c.library.id}` : ''}`,
    expected: `one of: ${ids.join(', ')} (see \`peerplan evidence${kind === 'unit cost' ? ' --unit-costs' : ''}\`)`,
    example: `${field}: ${ids[0] ?? 'core-2018-readmission'}`,
    did_you_mean: didYouMean(id, ids),
  });
  return null;
}
