/**
 * The bundled options' figures in docs/MODEL.md (§9 and "Why each option ranks where it
 * does") and in README.md come from the engine through this test, so they cannot go stale:
 * each sits between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`, and the test
 * compares the text there with what the engine gives now. After a reviewed change,
 * `UPDATE_DOCS=1 npx vitest run test/cli/docs-results.test.ts` rewrites the blocks.
 *
 * The mechanism columns (issue 26) switch one employment link off at a time — burnout's
 * effect on the effectiveness of support, on sickness absence, on leaving — and report how
 * far the NPV moves, so each option's rank is explained by the mechanisms that drive it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/read/load-scenario.js';
import { loadReference } from '../../src/reference/load.js';
import { project } from '../../src/engine/project.js';
import { engineTrace } from '../../src/engine/trace.js';
import { sessionsPerPerson } from '../../src/engine/benefits.js';
import type { Scenario } from '../../src/scenario/types.js';
import type { Metrics } from '../../src/engine/result.js';
import { BUNDLED, ROOT } from './run-cli.js';

interface Option {
  file: string;
  name: string;
  s: Scenario;
  m: Metrics;
  sickness: number;
  effect: number;
  sessions: number;
  /** NPV less the NPV with the link off: how far each link moves the option. */
  byEffect: number;
  byAbsence: number;
  byLeaving: number;
  byTeam: number;
  /** NPV less the NPV with supervision's direct effect off (κ = 0), and the factor S. */
  bySupervision: number;
  supervisionFactor: number;
}

const money = (x: number): string => `${x < 0 ? '−' : x > 0 ? '+' : ''}£${Math.round(Math.abs(x)).toLocaleString('en-GB')}`;
const cash = (x: number): string => `£${Math.round(x).toLocaleString('en-GB')}`;
const pct = (x: number, d = 1): string => `${(100 * x).toFixed(d)}%`;
const mean = (a: ArrayLike<number>, n: number): number => {
  let t = 0;
  for (let i = 0; i < n; i++) t += a[i] as number;
  return t / n;
};

async function options(): Promise<Option[]> {
  const out: Option[] = [];
  for (const file of BUNDLED) {
    const loaded = (await loadScenario(join(ROOT, file))).loaded!;
    const s = loaded.scenario;
    const ref = loadReference(s.reference);
    const r = project(s, ref);
    const tr = engineTrace(r)!;
    const N = r.months.length;
    const npvWith = (change: (x: Scenario) => void): number => {
      const t = structuredClone(s);
      change(t);
      return project(t, ref, { detail: 'metrics' }).metrics.npv;
    };
    out.push({
      file,
      name: r.name,
      s,
      m: r.metrics,
      sickness: mean(tr.sickness, N),
      effect: mean(tr.effectiveness, N),
      sessions: sessionsPerPerson(s.delivery.sessions_per_wte_month, s.delivery.caseload_per_wte, s.delivery.relationship_months),
      byEffect: r.metrics.npv - npvWith((x) => { x.burnout.effectiveness_loss = 0; }),
      byAbsence: r.metrics.npv - npvWith((x) => { x.burnout.absence_ratio = 1; }),
      byLeaving: r.metrics.npv - npvWith((x) => { x.burnout.leaving_hazard_ratio = 1; }),
      byTeam: r.metrics.npv - npvWith((x) => { x.burnout.isolation_effect_loss = 0; }),
      bySupervision: r.metrics.npv - npvWith((x) => { x.burnout.supervision_effect_loss = 0; }),
      supervisionFactor: tr.supervisionEffectiveness,
    });
  }
  return out.sort((a, b) => b.m.npv - a.m.npv);
}

function resultsTable(o: Option[]): string {
  const rows = o.map((x) =>
    `| ${x.name} | ${cash(x.m.total_cost)} | ${money(x.m.npv)} | ${(x.m.bcr ?? 0).toFixed(2)} | ${x.m.burnout_risk_mean.toFixed(1)}% / ${x.m.burnout_risk_peak.toFixed(1)}% | ${x.m.continuity.toFixed(1)} | ${pct(x.m.vacancy_rate)} | ${x.m.leavers.toFixed(1)} |`,
  );
  return ['| scenario (by NPV) | total cost | NPV | BCR | burnout mean / peak | continuity | vacancy rate | leavers |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

function ranksTable(o: Option[]): string {
  const rows = o.map((x, i) =>
    `| ${i + 1} | ${x.name} | ${money(x.m.npv)} | ${(x.m.bcr ?? 0).toFixed(2)} | ${x.m.burnout_risk_mean.toFixed(1)}% | ${pct(x.sickness, 2)} | ${x.effect.toFixed(3)} | ${x.sessions.toFixed(1)} | ${money(x.byEffect)} | ${money(x.byAbsence)} | ${money(x.byLeaving)} | ${money(x.byTeam)} | ${x.supervisionFactor.toFixed(3)} | ${money(x.bySupervision)} |`,
  );
  return [
    '| rank | option | NPV | BCR | burnout (mean) | sickness absence s (mean) | effectiveness E (mean) | sessions a person (CORE: 10) | NPV moved by burnout → effect | → absence | → leaving | NPV moved by a team under 6 (T) | supervision factor S | NPV moved by supervision besides burnout (S) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The mechanism that moves an option's NPV furthest, in words. */
function strongest(x: Option): string {
  const links: Array<[string, number]> = [['the effect of its support (E)', x.byEffect], ['sickness absence', x.byAbsence], ['leaving', x.byLeaving]];
  links.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  const [name, v] = links[0]!;
  return `burnout acts most through ${name}, ${money(v)}`;
}

function ranksProse(o: Option[]): string {
  return o
    .map((x, i) => {
      const wte = x.m.wte_in_post_mean;
      return `${i + 1}. **${x.name}**: NPV ${money(x.m.npv)}, BCR ${(x.m.bcr ?? 0).toFixed(2)}; ${cash(x.m.total_cost_discounted)} PV of cost for ${wte.toFixed(2)} WTE in post on average, ${Math.round(x.m.episodes).toLocaleString('en-GB')} people supported; burnout ${x.m.burnout_risk_mean.toFixed(1)}% (reference 30%): ${strongest(x)}${Math.abs(x.byTeam) >= 0.5 ? `; a team smaller than 6 (T = ${(1 - x.s.burnout.isolation_effect_loss * Math.min(1, Math.max(0, (6 - x.s.workforce.team_size) / 5))).toFixed(2)}) moves it ${money(x.byTeam)}` : ''}${Math.abs(x.bySupervision) >= 0.5 ? `; its supervision (S = ${x.supervisionFactor.toFixed(3)}) moves it ${money(x.bySupervision)} besides burnout` : ''}.`;
    })
    .join('\n');
}

function readmeBlock(o: Option[]): string {
  const by = (f: string): Option => o.find((x) => x.file === f)!;
  const b3 = by('scenarios/band3-fixed-term.yaml');
  const b4 = by('scenarios/band4-permanent.yaml');
  const base = by('scenarios/baseline.yaml');
  const order = o.map((x, i) => `${i + 1}. ${x.name}: NPV ${money(x.m.npv)}, BCR ${(x.m.bcr ?? 0).toFixed(2)}`);
  const abs = (x: number): string => cash(Math.abs(x));
  return [
    `- *Contract expiry* (§2.3): every 12 months half the fixed-term holders leave as their`,
    `  grant is not renewed, and insecurity raises leaving in the three months before each`,
    `  expiry. Leavers over five years: ${b3.m.leavers.toFixed(1)} WTE on 10 funded posts, against ${b4.m.leavers.toFixed(1)} on 8.`,
    `- *Vacancies* (§2.1, §2.4): each leaver leaves a post empty for 3.5 months on average, and`,
    `  every new starter spends 7 weeks in induction, so the in-post team is smaller than the`,
    `  funded one (${pct(b3.m.vacancy_rate)} vacancy against ${pct(b4.m.vacancy_rate)}), the vacancy saving shows as underspend, and`,
    `  recruitment and induction are paid again and again.`,
    `- *Burnout* (§3): thin supervision (1.5 hours a month, 10 per supervisor, no lived`,
    `  experience), insecurity, pay below Band 4 and caseload pushed onto the staff who remain`,
    `  put up to ${b3.m.burnout_risk_peak.toFixed(1)}% of the team burnt out, against ${b4.m.burnout_risk_peak.toFixed(1)}% (a reference NHS team: 30.0%). Burnt-out`,
    `  workers leave faster (§3.3), are absent more (${pct(b3.sickness, 2)} against ${pct(b4.sickness, 2)}, §3.4) and their support`,
    `  achieves less (effectiveness ${b3.effect.toFixed(3)} against ${b4.effect.toFixed(3)} of the trials', §3.4).`,
    `- *Continuity* (§4): a four-month support relationship that spans a contract end or a`,
    `  leaver does not complete with the same worker: ${b3.m.continuity.toFixed(1)} against ${b4.m.continuity.toFixed(1)}.`,
    ``,
    `The benefits (§5.2) come from the evidence library and are counted per person supported:`,
    `CORE's readmission effect is intention to treat, so it already includes people whose worker`,
    `changed, and lost continuity is not charged twice. What moves the effect is the difference`,
    `between a team's delivery and the trial's: the sessions each person receives (32 a`,
    `productive WTE-month over a caseload of 12 gives ${base.sessions.toFixed(1)} sessions in 4 months, CORE's dose`,
    `of up to 10, so every bundled option delivers the full dose and a heavier caseload would`,
    `only dilute it), and the team's burnout against the trials' workers'. By NPV the options`,
    `rank:`,
    ``,
    ...order,
    ``,
    `The ten fixed-term posts still support more people than the eight permanent ones, but`,
    `their burnout costs them ${abs(b3.byEffect)} of NPV through the effect of support,`,
    `${abs(b3.byAbsence)} through absence and ${abs(b3.byLeaving)} through leaving; Band 4's low burnout gains`,
    `it ${abs(b4.byEffect)}, ${abs(b4.byAbsence)} and ${abs(b4.byLeaving)}. Supervision also acts on the effect directly (an`,
    `assumption, §3.4): Band 4's 4 hours at span 6 gain it ${abs(b4.bySupervision)}, Band 3's 1.5 hours at span 10 cost it`,
    `${abs(b3.bySupervision)}. What decides the ranking against the baseline is cost: Band 4 pay and`,
    `4 hours' supervision a worker cost more than the evidence's effects, as priced here, return.`,
    `Every bundled NPV but the VCSE provider's is negative, for reasons the scenarios state:`,
    `half of CORE's effect is attributed (ENRICH found none), a CORE-like 38% base rate is`,
    `assumed, the personal-recovery QALY and the peer workers' move into work are small stated`,
    `assumptions, and the evidence-adjusted BCR (each stream cut by its evidence grade) is lower`,
    `still. docs/MODEL.md §9 explains each option's rank by mechanism; use \`sensitivity\` to see`,
    `which assumptions would change it.`,
  ].join('\n');
}

function block(text: string, name: string): { start: number; end: number } {
  const open = `<!-- generated:${name} -->\n`;
  const start = text.indexOf(open);
  const end = text.indexOf(`<!-- /generated:${name} -->`);
  if (start < 0 || end < start) throw new Error(`no generated block ${name}`);
  return { start: start + open.length, end };
}

function check(file: string, blocks: Record<string, string>): void {
  const path = join(ROOT, file);
  let text = readFileSync(path, 'utf8');
  for (const [name, want] of Object.entries(blocks)) {
    const { start, end } = block(text, name);
    const have = text.slice(start, end);
    if (process.env.UPDATE_DOCS === '1') text = text.slice(0, start) + want + '\n' + text.slice(end);
    else expect(have, `${file} block ${name} (UPDATE_DOCS=1 rewrites it after review)`).toBe(want + '\n');
  }
  if (process.env.UPDATE_DOCS === '1') writeFileSync(path, text);
}

describe('the bundled results in the docs come from the engine', () => {
  it('docs/MODEL.md §9: the results table and each option\'s rank by mechanism', async () => {
    const o = await options();
    check('docs/MODEL.md', { 'bundled-results': resultsTable(o), 'bundled-ranks': ranksTable(o), 'bundled-ranks-prose': ranksProse(o) });
  });

  it('README.md: the mechanisms and the ranking of the bundled options', async () => {
    const o = await options();
    check('README.md', { 'readme-ranking': readmeBlock(o) });
  });
});
