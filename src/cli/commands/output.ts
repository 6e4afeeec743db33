/** Chooses the formatter for --format, loading only that one. */
import type { CommandContext } from '../main.js';
import type { ResultDocument } from '../../render/document.js';
import { usageError } from '../errors.js';
import { outputWidth } from './pipeline.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'markdown', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputOptions {
  format: OutputFormat;
  monthly: boolean;
  wide: boolean;
  /** Table only: the one-screen summary of a comparison (`compare --summary`). */
  summary?: boolean;
}

/** Binary formats cannot go to a terminal or a pipe: they need --out. */
export function requireOutFor(format: string, out: string | undefined, command: string): void {
  if (format === 'xlsx' && out === undefined) {
    throw usageError(`--format xlsx writes an Excel workbook and needs --out, e.g. peerplan ${command} ... --format xlsx --out options.xlsx`);
  }
}

export async function renderOutput(ctx: CommandContext, doc: ResultDocument, options: OutputOptions, toFile: boolean): Promise<string | Uint8Array> {
  switch (options.format) {
    case 'xlsx':
      requireOutFor('xlsx', toFile ? '' : undefined, doc.comparison ? 'compare' : 'run');
      return (await import('../../render/xlsx.js')).renderXlsx(doc);
    case 'json':
      return (await import('../../render/json.js')).renderJson(doc);
    case 'csv':
      return (await import('../../render/csv.js')).renderCsv(doc, { wide: options.wide, monthly: options.monthly });
    case 'markdown':
      return (await import('../../render/markdown.js')).renderMarkdown(doc);
    case 'table': {
      const { renderRunTable, renderComparisonTable, renderComparisonSummary } = await import('../../render/table.js');
      const tableOptions = { color: ctx.global.color && !toFile, width: outputWidth(ctx), monthly: options.monthly };
      if (doc.comparison && options.summary) return renderComparisonSummary(doc, { ...tableOptions, fullCommand: 'the same command without --summary' });
      return doc.comparison ? renderComparisonTable(doc, tableOptions) : renderRunTable(doc, tableOptions);
    }
  }
}
