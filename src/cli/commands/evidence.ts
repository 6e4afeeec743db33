import type { CommandContext } from '../io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { evidenceItem, evidenceLibrary } from '../../app/evidence.js';

/**
 * `peerplan evidence [ID]`: the evidence library's entries (or, with --unit-costs, its
 * unit costs and price indices); with an ID, one entry or unit cost in full. Evidence
 * entries and unit costs share one id namespace, so an ID needs no flag.
 */
export async function evidenceCommand(ctx: CommandContext, id: string | undefined, opts: { format: 'table' | 'json' | 'md'; unitCosts?: boolean }): Promise<ExitCode> {
  const { io } = ctx;
  const render = await import('../../render/evidence.js');
  if (id === undefined) {
    const lib = evidenceLibrary();
    if (opts.format === 'json') {
      const body = opts.unitCosts
        ? { id: lib.id, title: lib.title, reviewed: lib.reviewed, unit_costs: lib.unit_costs, indices: lib.indices }
        : { id: lib.id, title: lib.title, reviewed: lib.reviewed, grades: lib.grades, entries: lib.entries };
      io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    } else if (opts.format === 'md') {
      io.stdout.write(render.renderEvidenceMarkdown(lib, opts.unitCosts === true));
    } else {
      io.stdout.write(opts.unitCosts ? render.renderUnitCostTable(lib, { color: ctx.global.color }) : render.renderEvidenceTable(lib, { color: ctx.global.color }));
    }
    return EXIT.OK;
  }
  const { lib, item } = evidenceItem(id);
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify({ kind: item.kind, library: lib.id, ...item.entry }, null, 2)}\n`);
    return EXIT.OK;
  }
  io.stdout.write(render.renderLibraryItem(lib, item, opts.format));
  return EXIT.OK;
}
