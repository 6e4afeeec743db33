/**
 * Every unverified figure a scenario's result rests on (`peerplan reference --unverified`):
 * evidence entries and unit costs the library marks unverified, reference values whose
 * source says so, the GDP deflator's unverified years (interpolated outturn, assumed
 * forecast) between the price years, the price base and the horizon, and Green Book
 * discount bands not confirmed in the current text. Each says what uses it and, for a
 * benefit stream, the share of the total benefit (PV) that stream carries, so a reader can
 * see which ones could move a headline.
 */
import type { LoadedScenario } from '../scenario/origin.js';
import type { ReferenceData } from '../reference/types.js';
import type { ScenarioResult } from '../engine/result.js';
import { getAt } from '../source/positions.js';
import type { EvidenceLibrary } from '../evidence/types.js';

export interface UnverifiedFigure {
  /** What the figure is: `evidence peer-support-2025 white-2020-recovery`, `GDP deflator 2020/21`, … */
  figure: string;
  /** Its value as used. */
  value: string;
  /** The scenario inputs or years that use it. */
  used_by: string;
  /** Why it is unverified, as its data says. */
  why: string;
  /** For a benefit stream's figure: the stream's share of the total benefit (PV), 0–1; null otherwise. */
  benefit_share: number | null;
}

const label = (fy: number): string => `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;
const fyOf = (text: string): number => Number(text.slice(0, 4));

export function unverifiedFigures(loaded: Pick<LoadedScenario, 'scenario' | 'origins'>, ref: ReferenceData, result: ScenarioResult, library?: EvidenceLibrary): UnverifiedFigure[] {
  const out: UnverifiedFigure[] = [];
  const s = loaded.scenario;
  const totalBenefit = result.metrics.total_benefit_discounted;
  const streamShare = (path: string): number | null => {
    const m = /^benefits\[(\d+)\]/.exec(path);
    if (!m || totalBenefit === 0) return null;
    const stream = result.benefit_streams[Number(m[1])];
    return stream ? stream.total_discounted / totalBenefit : null;
  };
  const streamName = (path: string): string => {
    const m = /^benefits\[(\d+)\]/.exec(path);
    return m ? ` ("${s.benefits[Number(m[1])]?.name ?? ''}")` : '';
  };

  // Evidence entries and unit costs, through the inputs that took a value from them.
  const byItem = new Map<string, { paths: string[]; why: string; values: string[] }>();
  for (const [path, origin] of Object.entries(loaded.origins)) {
    if (origin.kind === 'evidence' && origin.note.includes('(unverified')) {
      const key = `evidence ${origin.library} ${origin.id}`;
      const item = byItem.get(key) ?? { paths: [], why: origin.note.slice(origin.note.indexOf('(unverified') + 1).replace(/\)$/, ''), values: [] };
      item.paths.push(path);
      item.values.push(`${path} = ${String(getAt(s, path))}`);
      byItem.set(key, item);
    } else if (origin.kind === 'reference' && /unverified/i.test(ref.sources[origin.source]?.title ?? '')) {
      out.push({ figure: `reference ${origin.dataset} ${origin.key}`, value: String(getAt(s, path)), used_by: path, why: ref.sources[origin.source]?.title ?? origin.source, benefit_share: streamShare(path) });
    }
  }
  // Evidence entries a stream cites (for its grade, or as the reason for its own figures).
  s.benefits.forEach((b, i) => {
    const entry = b.evidence === null ? undefined : library?.entries.find((e) => e.id === b.evidence);
    const key = entry ? `evidence ${library?.id ?? ''} ${entry.id}` : '';
    if (!entry || entry.verified) return;
    const item = byItem.get(key) ?? { paths: [], why: `unverified: ${(entry.unverified ?? 'not confirmed at source').replace(/\.$/, '')}`, values: [] };
    if (!item.paths.includes(`benefits[${i}].evidence`)) {
      item.paths.push(`benefits[${i}].evidence`);
      item.values.push(`benefits[${i}].evidence = ${entry.id}`);
    }
    byItem.set(key, item);
  });
  for (const [figure, item] of byItem) {
    const shares = [...new Set(item.paths.map((p) => /^benefits\[\d+\]/.exec(p)?.[0]).filter((p): p is string => p !== undefined))];
    const share = shares.length === 0 ? null : shares.reduce((sum, p) => sum + (streamShare(p) ?? 0), 0);
    out.push({ figure, value: item.values.join('; '), used_by: `${item.paths.join(', ')}${item.paths[0] ? streamName(item.paths[0]) : ''}`, why: item.why, benefit_share: share });
  }

  // HCAS bounds, looked up by the zone (not an input's origin).
  if (s.workforce.high_cost_area !== 'none' && /not seen|unverified|secondary/i.test(ref.hcas.verification ?? '')) {
    const a = ref.hcas.areas[s.workforce.high_cost_area];
    out.push({ figure: `reference ${ref.id} hcas.areas.${s.workforce.high_cost_area}`, value: `${Math.round(a.rate * 1000) / 10}%, £${a.min.toLocaleString('en-GB')}–£${a.max.toLocaleString('en-GB')}`, used_by: 'workforce.high_cost_area', why: ref.hcas.verification ?? '', benefit_share: null });
  }

  // The GDP deflator's years between the earliest price year and the horizon's last year.
  const deflator = ref.gdp_deflator;
  if (deflator) {
    const horizonYears = result.years.map((y) => fyOf(y.year));
    const pb = fyOf(s.finance.price_base);
    const priceYears = s.benefits.map((b, i) => [fyOf(b.price_year), `benefits[${i}].price_year`] as const);
    const years = [...horizonYears, pb, ...priceYears.map(([y]) => y)];
    const first = Math.min(...years);
    const last = Math.max(...years);
    const levels = deflator.index ?? {};
    const firstIndexed = Math.min(...Object.keys(levels).map(fyOf));
    for (let fy = first; fy <= last; fy++) {
      const level = levels[label(fy)];
      if (level?.verified) continue;
      const uses: string[] = [];
      if (fy === pb) uses.push('the price base');
      if (horizonYears.includes(fy)) uses.push('a horizon year');
      // A price year's level is used, and so is every year's growth between it and the price base.
      const between = priceYears.filter(([y]) => (fy <= Math.max(y, pb) && fy > Math.min(y, pb)) || fy === y);
      for (const [, path] of between) uses.push(path + streamName(path));
      if (uses.length === 0) continue;
      const share = between.reduce((sum, [, path]) => sum + (streamShare(path) ?? 0), 0);
      const kind = level === undefined ? `outside the series: the long-run ${(100 * deflator.long_run_growth.value).toFixed(1)}% a year (assumption)` : level.assumption ? `forecast year, assumed ${(100 * (deflator.growth[label(fy)]?.value ?? 0)).toFixed(1)}% growth (the OBR's figure not read)` : level.derived ? 'interpolated from the calendar-year series' : 'not confirmed at source';
      out.push({
        figure: `GDP deflator ${label(fy)} (${deflator.id})`,
        value: level === undefined ? (fy < firstIndexed ? 'before the series' : 'after the series') : String(level.value),
        used_by: uses.join(', '),
        why: kind,
        benefit_share: between.length > 0 ? share : null,
      });
    }
  }

  // Green Book discount bands not confirmed, if the appraisal reaches them.
  const green = ref.green_book;
  if (green) {
    const lastIndex = result.years.length - 1;
    for (const [name, schedule] of Object.entries(green.schedules)) {
      for (const band of schedule.bands) {
        if (!band.verified && band.from_year <= lastIndex) {
          out.push({ figure: `${green.id} ${name} discount rate, years ${band.from_year}–${band.to_year}`, value: `${Math.round(band.rate * 10000) / 100}%`, used_by: `year indices ${band.from_year}–${Math.min(band.to_year, lastIndex)}`, why: 'not confirmed against the current Green Book text', benefit_share: null });
        }
      }
    }
  }
  return out;
}
