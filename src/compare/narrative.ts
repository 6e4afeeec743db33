/**
 * A few plain sentences a commissioner can paste into a paper: which option is
 * cheapest, which keeps relationships intact, where burnout bites, what it is worth.
 * Pure: built from the comparison of full results, whatever metrics were displayed.
 */
import type { Compared } from './compare.js';
import { formatMoney, formatNumber } from '../text/format.js';
import { bestOptions } from './recommend.js';

function pick(items: readonly Compared[], score: (item: Compared) => number, better: 'higher' | 'lower'): Compared {
  let best = items[0] as Compared;
  for (const item of items) {
    const a = score(item);
    const b = score(best);
    if (better === 'higher' ? a > b : a < b) best = item;
  }
  return best;
}

/**
 * One option has nothing to be cheapest or best against: say what it costs, keeps and is
 * worth, without words of comparison.
 */
function singleNarrative(only: Compared): string[] {
  const m = only.result.metrics;
  const bcr = m.bcr === null ? 'n/a' : formatNumber(m.bcr, 2);
  const lines = [`${only.name} costs ${formatMoney(m.total_cost)} over the horizon.`];
  if (m.cost_per_completed_episode !== null) lines.push(`Each support relationship completed with the same worker costs ${formatMoney(m.cost_per_completed_episode)}.`);
  lines.push(
    `Its continuity score is ${formatNumber(m.continuity, 1)} (0-100).`,
    `At worst ${formatNumber(m.burnout_risk_peak, 1)}% of the team is burnt out, ${formatNumber(m.burnout_risk_mean, 1)}% on average (a reference NHS team: 30.0%).`,
    m.npv >= 0
      ? `Its benefits cover its cost within the horizon: NPV ${formatMoney(m.npv)} (BCR ${bcr}${m.payback_month ? `, pays back by ${m.payback_month}` : ''}).`
      : `Its benefits do not cover its cost within the horizon: NPV ${formatMoney(m.npv)} (BCR ${bcr}).`,
  );
  return lines;
}

export function narrative(items: readonly Compared[]): string[] {
  if (items.length === 0) return [];
  if (items.length === 1) return singleNarrative(items[0] as Compared);
  const lines: string[] = [];
  const metric = (item: Compared) => item.result.metrics;

  const cheapest = pick(items, (i) => metric(i).total_cost, 'lower');
  lines.push(`Cheapest in total: ${cheapest.name} (${formatMoney(metric(cheapest).total_cost)} over the horizon).`);

  const perCompleted = items.filter((i) => metric(i).cost_per_completed_episode !== null);
  if (perCompleted.length > 0) {
    const value = pick(perCompleted, (i) => metric(i).cost_per_completed_episode ?? Infinity, 'lower');
    const cost = metric(value).cost_per_completed_episode ?? 0;
    lines.push(
      value === cheapest
        ? `It is also cheapest per completed support relationship (${formatMoney(cost)}).`
        : `But ${value.name} costs least per completed support relationship (${formatMoney(cost)} against ${formatMoney(metric(cheapest).cost_per_completed_episode ?? 0)}).`,
    );
  }

  const continuity = pick(items, (i) => metric(i).continuity, 'higher');
  const worstContinuity = pick(items, (i) => metric(i).continuity, 'lower');
  lines.push(
    `Best continuity: ${continuity.name} (score ${formatNumber(metric(continuity).continuity, 1)}` +
      (items.length > 1 ? `; lowest ${worstContinuity.name}, ${formatNumber(metric(worstContinuity).continuity, 1)}).` : ').'),
  );

  const burnout = pick(items, (i) => metric(i).burnout_risk_peak, 'higher');
  lines.push(
    `Burnout bites hardest in ${burnout.name}: at worst ${formatNumber(metric(burnout).burnout_risk_peak, 1)}% of the team burnt out, ${formatNumber(metric(burnout).burnout_risk_mean, 1)}% on average (a reference NHS team: 30.0%).`,
  );

  // The best option by the one rule (src/compare/recommend.ts): a tie names every option holding it.
  const top = bestOptions(items.map((i) => metric(i).npv), 'higher').best.map((i) => items[i] as Compared);
  const npv = top[0] ?? (items[0] as Compared);
  const best = metric(npv);
  if (top.length > 1) {
    const names = `${top.slice(0, -1).map((i) => i.name).join(', ')} and ${top[top.length - 1]?.name ?? ''}`;
    lines.push(
      best.npv >= 0
        ? `Best value, equal: ${names}, each NPV ${formatMoney(best.npv)}.`
        : `No option's benefits cover its cost within the horizon; the least negative NPV, equal, is that of ${names}: ${formatMoney(best.npv)} each.`,
    );
    return lines;
  }
  const bcr = best.bcr === null ? 'n/a' : formatNumber(best.bcr, 2);
  lines.push(
    best.npv >= 0
      ? `Best value: ${npv.name}, NPV ${formatMoney(best.npv)} (BCR ${bcr}${best.payback_month ? `, pays back by ${best.payback_month}` : ''}).`
      : `No option's benefits cover its cost within the horizon; the least negative NPV is ${npv.name} (${formatMoney(best.npv)}, BCR ${bcr}).`,
  );
  return lines;
}
