/**
 * The renderers of `peerplan batch` (src/app/batch.ts runs the batch): per format, how a
 * scenario's own file and the comparison of the valid scenarios are rendered. Each format's
 * renderer is loaded only when asked for.
 */
import type { BatchDetail, BatchFormat, BatchRenderer } from '../app/batch.js';
import { loadReference } from '../reference/load.js';
import type { ResultDocument } from '../result/document.js';

/** A renderer for each format, in the order given. */
export async function batchRenderers(formats: readonly BatchFormat[], detail: BatchDetail): Promise<Map<BatchFormat, BatchRenderer>> {
  const map = new Map<BatchFormat, BatchRenderer>();
  for (const format of formats) {
    switch (format) {
      case 'json': {
        const { renderJson } = await import('./json.js');
        map.set(format, {
          scenario: (doc) => renderJson(detail === 'months' ? doc : withoutMonths(doc)),
          comparison: (doc) => renderJson(headlineDocument(doc)),
          comparisonReadsMonths: false,
        });
        break;
      }
      case 'csv': {
        const { renderCsv } = await import('./csv.js');
        map.set(format, {
          scenario: (doc) => renderCsv(doc, { wide: false, monthly: detail === 'months' }),
          comparison: (doc) => renderCsv(doc, { wide: false, monthly: false }),
          comparisonReadsMonths: false,
        });
        break;
      }
      case 'html': {
        const { renderHtml } = await import('./html.js');
        const render = (doc: ResultDocument): string => renderHtml(doc, { references: loadReference });
        map.set(format, { scenario: render, comparison: render, comparisonReadsMonths: true });
        break;
      }
      case 'xlsx': {
        const { renderXlsx } = await import('./xlsx.js');
        const { liveWorkbookRefusal } = await import('./workbook/limits.js');
        const render = (doc: ResultDocument): Promise<Uint8Array> => renderXlsx(doc, { references: loadReference });
        map.set(format, { scenario: render, comparison: render, comparisonReadsMonths: true, comparisonRefusal: (n) => liveWorkbookRefusal(n, 60, false) });
        break;
      }
    }
  }
  return map;
}

/**
 * The JSON comparison: each scenario's headline metrics beside the comparison, not its
 * whole result again (each scenario's own file holds that).
 */
function headlineDocument(doc: ResultDocument): ResultDocument {
  return {
    ...doc,
    scenarios: doc.scenarios.map((s) => ({ name: s.name, file: s.file, hash: s.hash, reference: s.reference, metrics: s.metrics })) as unknown as ResultDocument['scenarios'],
  };
}

/** A document with each scenario's `months` empty (a scenario's JSON, unless --detail months). */
function withoutMonths(doc: ResultDocument): ResultDocument {
  return { ...doc, scenarios: doc.scenarios.map((s) => ({ ...s, months: [] })) };
}
