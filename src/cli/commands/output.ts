/** Chooses the formatter for --format, loading only that one. */
import type { CommandContext } from '../main.js';
import type { ResultDocument } from '../../render/document.js';
import { outputWidth } from './pipeline.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputOptions {
  format: OutputFormat;
  monthly: boolean;
  wide: boolean;
}

export async function renderOutput(ctx: CommandContext, doc: ResultDocument, options: OutputOptions, toFile: boolean): Promise<string> {
  switch (options.format) {
    case 'json':
      return (await import('../../render/json.js')).renderJson(doc);
    case 'csv':
      return (await import('../../render/csv.js')).renderCsv(doc, { wide: options.wide, monthly: options.monthly });
    case 'markdown':
      return (await import('../../render/markdown.js')).renderMarkdown(doc);
    case 'table': {
      const { renderRunTable, renderComparisonTable } = await import('../../render/table.js');
      const tableOptions = { color: ctx.global.color && !toFile, width: outputWidth(ctx), monthly: options.monthly };
      return doc.comparison ? renderComparisonTable(doc, tableOptions) : renderRunTable(doc, tableOptions);
    }
  }
}
