/**
 * Markdown a commissioner can paste into a paper: tables with a caption line and a
 * short narrative. User text (names, paths, input values) is escaped (`markdownText`,
 * `markdownCode`) so it never becomes HTML, a link or formatting; pipes are escaped in
 * every table cell.
 */
import { baselineReasonText } from '../compare/baseline.js';
import type { ResultDocument, ScenarioDocument } from '../result/document.js';
import { formatMoney, formatNumber, formatPercent, withSign } from '../text/format.js';
import { formatDelta, formatMetric, metricInfo, NO_BENEFITS_VALUED, noBenefitsValued } from '../metrics/catalogue.js';
import { runHeadlineMetrics, yearTableRows } from './run-layout.js';
import { appraisalBasisLines } from './appraisal-basis.js';
import { displayValue } from './values.js';
import { inputLabel } from '../metrics/labels.js';
import { markdownCode, markdownText } from './safe-text.js';
import { ledgerColumnLabel, ledgerLines, payerRows, perspectiveComparisonRows, perspectiveViewRows, viewsText } from '../metrics/perspectives.js';
import { unverifiedCaveatParts, unverifiedCaveatText } from './unverified.js';

/** §7.6 "Whose costs and whose savings": the three views, then the benefit by who gains. */
function whoseTables(s: ScenarioDocument): string[] {
  const p = s.perspectives;
  if (!p) return [];
  const bcr = (x: number | null): string => (noBenefitsValued('bcr', s.metrics) ? NO_BENEFITS_VALUED : x === null ? 'n/a' : formatNumber(x, 2));
  const out = [
    'Table: whose costs and whose savings (present values; cost with optimism bias in every view; the headline NPV counts every benefit, transfers included).',
    '',
    table(
      ['View', 'Counts', 'Benefit (PV)', 'Cost (PV)', 'NPV', 'BCR'],
      perspectiveViewRows(p).map((r) => [r.label, r.counts, formatMoney(r.view.benefit), formatMoney(r.view.cost), formatMoney(r.view.npv), bcr(r.view.bcr)]),
      2,
    ),
    '',
  ];
  const payers = payerRows(p);
  if (payers.length > 0) {
    out.push(
      'Table: benefit (PV) by who gains.',
      '',
      table(['Who gains', 'Benefit (PV)', 'Share'], payers.map((r) => [r.label, formatMoney(r.benefit), r.share === null ? 'n/a' : formatPercent(r.share, 1)])),
      '',
    );
  }
  const l = s.ledger;
  if (l && l.benefits.length > 0) {
    out.push(
      'Table: who pays, who saves, by financial year (present values; cost negative, with optimism bias; "counts in" names the views that count the row).',
      '',
      table(
        ['Who pays / who saves', 'Category', 'Cashable', 'Counts in', ...l.columns.map(ledgerColumnLabel), 'Total'],
        ledgerLines(l).map((x) => [
          x.label,
          x.category === 'total' ? '' : x.category,
          x.cashable === null ? '' : x.cashable ? 'yes' : 'no',
          viewsText(x.views),
          ...x.values.map((v) => formatMoney(v)),
          formatMoney(x.total),
        ]),
        4,
      ),
      '',
    );
  }
  return out;
}

/** The unverified figures that move a headline, as one caveat line (the HTML report's). */
function unverifiedLines(scenarios: readonly ScenarioDocument[]): string[] {
  const c = unverifiedCaveatParts(scenarios.map((s) => s.unverified));
  return c === null ? [] : [markdownText(unverifiedCaveatText(c)).replace('peerplan reference --unverified FILE', '`peerplan reference --unverified FILE`'), ''];
}

const esc = (text: string): string => text.replace(/\|/g, '\\|');

function table(head: string[], rows: string[][], rightFrom = 1): string {
  const sep = head.map((_, i) => (i >= rightFrom ? '---:' : '---'));
  return [head, sep, ...rows].map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n');
}

function scenarioSection(s: ScenarioDocument): string {
  const years = s.years;
  const m = s.metrics;
  const headline = runHeadlineMetrics.map((key) => {
    const info = metricInfo(key);
    return [info?.label ?? key, noBenefitsValued(key, m) ? NO_BENEFITS_VALUED : formatMetric(info?.kind ?? 'count', m[key])];
  });
  const yearTable = yearTableRows(s).map((r) => [r.emphasis ? `**${r.label}**` : r.label, ...r.cells, r.total]);
  return [
    `## ${markdownText(s.name)}`,
    '',
    `Scenario file ${markdownCode(s.file)}, reference data ${markdownCode(s.reference)}.`,
    '',
    ...appraisalBasisLines([s]).map(markdownText),
    '',
    ...unverifiedLines([s]),
    'Table: headline figures over the horizon (PV = the appraisal: real terms, discounted; nominal = cash).',
    '',
    table(['Metric', 'Value'], headline),
    '',
    ...whoseTables(s),
    'Table: cost and delivery by financial year (April to March).',
    '',
    table(['', ...years.map((y) => (y.months < 12 ? `${y.year} (${y.months} months)` : y.year)), 'Total'], yearTable),
    '',
  ].join('\n');
}

export function renderMarkdown(doc: ResultDocument): string {
  const parts: string[] = ['# peerplan projection', ''];
  const c = doc.comparison;
  if (c) {
    const names = c.names.map(markdownText);
    // The narrative is our sentences around the options' names: escaped as a whole.
    parts.push('## Summary', '', ...c.narrative.map((l) => `- ${markdownText(l)}`), '', ...appraisalBasisLines(doc.scenarios).map(markdownText), '');
    parts.push(
      '## Comparison',
      '',
      `Table: each option against the baseline (${names[c.baseline] ?? ''}${c.baseline_reason ? `, ${baselineReasonText(c.baseline_reason)}` : ''}); ★ marks the best value, #n the rank.`,
      '',
      table(
        ['Metric', ...names],
        [...c.rows, ...perspectiveComparisonRows(doc.scenarios, c.baseline)].map((row) => [
          row.metric.label,
          ...row.values.map((v, i) => {
            const shown = noBenefitsValued(row.metric.key, doc.scenarios[i]?.metrics) ? NO_BENEFITS_VALUED : `${row.best.includes(i) ? '★ ' : ''}${formatMetric(row.metric.kind, v)}`;
            const delta = row.deltas[i];
            const ratio = row.delta_ratios[i];
            if (i === c.baseline || delta === null || delta === undefined) return i === c.baseline ? `${shown} (baseline)` : shown;
            const abs = row.metric.kind === 'month' ? `${delta > 0 ? '+' : ''}${formatNumber(delta, 0)} months` : formatDelta(row.metric.kind, delta);
            return `${shown} (${abs}${ratio !== null && ratio !== undefined && row.metric.kind !== 'month' ? `, ${withSign(formatPercent(ratio), ratio)}` : ''})`;
          }),
        ]),
      ),
      '',
    );
    if (c.input_differences.length > 0) {
      parts.push(
        'Table: inputs that differ between the options.',
        '',
        table(['Input', ...names], c.input_differences.map((d) => [markdownText(inputLabel(d.path)), ...d.values.map((v) => markdownText(displayValue(d.path, v)))]), 99),
        '',
      );
    }
  }
  for (const s of doc.scenarios) parts.push(scenarioSection(s));
  return parts.join('\n');
}
