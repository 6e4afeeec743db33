/**
 * Every output format, by the document it renders: the one place to add a format.
 * Each entry loads its renderer only when used (a command pays for the formats it
 * writes, not for all of them), and is a function `(document, options) => output`.
 *
 * Adding a format: write the renderer in src/render/, add it to the table of its
 * document below, add the name to the command's --format choices (src/cli/main.ts),
 * and a golden test (test/golden/).
 */
import type { ResultDocument } from '../result/document.js';
import type { SensitivityDocument } from '../whatif/sensitivity.js';
import type { ExplainDocument } from '../explain/node.js';
import type { ReferenceData } from '../reference/types.js';
import type { MetricKey } from '../metrics/catalogue.js';
import type { TornadoInput } from './svg/tornado.js';
import type { RowWriter, SweepHead } from './sweep.js';

/** Text, or bytes (a workbook). */
export type Rendered = string | Uint8Array;

export interface RenderOptions {
  /** ANSI colour (a terminal, never a file). */
  color: boolean;
  /** Columns of the terminal (or 100), for tables. */
  width: number;
  /** Month-by-month figures (table, markdown, csv). */
  monthly?: boolean | undefined;
  /** CSV: one row per scenario and year (or per scenario, for a comparison). */
  wide?: boolean | undefined;
  /** Table of a comparison: the one-screen summary (`compare --summary`). */
  summary?: boolean | undefined;
  /** xlsx: the values workbook (`--xlsx-values`) instead of the live model. */
  xlsxValues?: boolean | undefined;
  /** The report's title (html, xlsx). */
  title?: string | undefined;
  /** The report's tornado chart (html). */
  tornado?: TornadoInput | undefined;
  /** The metric the report recommends on, for a document without a recommendation (html). */
  recommendMetric?: MetricKey | undefined;
  /** A probabilistic analysis (`report --draws`): the uncertainty section (html) or sheet (xlsx). */
  simulation?: import('../app/simulate.js').SimulationResult | undefined;
  /** The interactive report's page data and script (html, `report --interactive`). */
  interactive?: import('./html.js').HtmlOptions['interactive'] | undefined;
  /** Reference data, for describing where a value came from (html, xlsx). */
  references?: ((id: string) => ReferenceData) | undefined;
}

type Renderer<D> = (doc: D, options: RenderOptions) => Promise<Rendered>;

/** `run`, `compare`, `report` (and `batch`'s files): the result document. */
export const RESULT_FORMATS = {
  table: async (doc: ResultDocument, o: RenderOptions) => {
    const { renderRunTable, renderComparisonTable, renderComparisonSummary } = await import('./table.js');
    const options = { color: o.color, width: o.width, monthly: o.monthly === true };
    if (doc.comparison && o.summary) return renderComparisonSummary(doc, options);
    return doc.comparison ? renderComparisonTable(doc, options) : renderRunTable(doc, options);
  },
  json: async (doc: ResultDocument) => (await import('./json.js')).renderJson(doc),
  csv: async (doc: ResultDocument, o: RenderOptions) => (await import('./csv.js')).renderCsv(doc, { wide: o.wide === true, monthly: o.monthly === true }),
  markdown: async (doc: ResultDocument) => (await import('./markdown.js')).renderMarkdown(doc),
  xlsx: async (doc: ResultDocument, o: RenderOptions) =>
    (await import('./xlsx.js')).renderXlsx(doc, {
      ...(o.references ? { references: o.references } : {}),
      ...(o.title ? { title: o.title } : {}),
      ...(o.xlsxValues ? { values: true } : {}),
      ...(o.simulation ? { simulation: o.simulation } : {}),
    }),
  html: async (doc: ResultDocument, o: RenderOptions) =>
    (await import('./html.js')).renderHtml(doc, {
      ...(o.references ? { references: o.references } : {}),
      ...(o.recommendMetric ? { recommendMetric: o.recommendMetric } : {}),
      ...(o.title ? { title: o.title } : {}),
      ...(o.tornado ? { tornado: o.tornado } : {}),
      ...(o.interactive ? { interactive: o.interactive } : {}),
      ...(o.simulation ? { simulation: o.simulation } : {}),
    }),
} satisfies Record<string, Renderer<ResultDocument>>;
export type ResultFormat = keyof typeof RESULT_FORMATS;

/** `sensitivity`: the analysis of one scenario. */
export const SENSITIVITY_FORMATS = {
  table: async (doc: SensitivityDocument, o: RenderOptions) => (await import('./sensitivity.js')).renderSensitivityText(doc, { width: o.width }),
  json: async (doc: SensitivityDocument) => (await import('./sensitivity.js')).renderSensitivityJson(doc),
  csv: async (doc: SensitivityDocument) => (await import('./sensitivity.js')).renderSensitivityCsv(doc),
} satisfies Record<string, Renderer<SensitivityDocument>>;
export type SensitivityFormat = keyof typeof SENSITIVITY_FORMATS;

/** `explain`: the calculation tree of one figure. */
export const EXPLAIN_FORMATS = {
  table: async (doc: ExplainDocument, o: RenderOptions) => (await import('./explain.js')).renderExplainText(doc, { color: o.color, width: o.width }),
  json: async (doc: ExplainDocument) => (await import('./json.js')).renderJson(doc),
} satisfies Record<string, Renderer<ExplainDocument>>;
export type ExplainFormat = keyof typeof EXPLAIN_FORMATS;

/** `sweep`: rows streamed as the grid is computed (src/render/sweep.ts). */
export const SWEEP_FORMATS = {
  table: async (head: SweepHead, o: RenderOptions) => (await import('./sweep.js')).tableWriter(head, { color: o.color, width: o.width }),
  csv: async (head: SweepHead) => (await import('./sweep.js')).csvWriter(head),
  json: async (head: SweepHead) => (await import('./sweep.js')).jsonWriter(head),
} satisfies Record<string, (head: SweepHead, options: RenderOptions) => Promise<RowWriter>>;
export type SweepFormat = keyof typeof SWEEP_FORMATS;

