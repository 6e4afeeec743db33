import type { CommandContext } from '../io.js';
import { CliError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { listReferenceIds, loadReference, UnknownReferenceError } from '../../reference/load.js';
import { referenceEntries } from '../../reference/entries.js';
import { didYouMean } from '../../source/did-you-mean.js';

export async function referenceCommand(ctx: CommandContext, id: string | undefined, opts: { format: 'table' | 'json'; unverified?: boolean }): Promise<ExitCode> {
  const { io } = ctx;
  if (opts.unverified) {
    if (id === undefined) throw new CliError('--unverified needs a scenario file: peerplan reference --unverified scenarios/baseline.yaml', EXIT.USAGE);
    const { unverifiedReport } = await import('../../app/unverified.js');
    const { sources } = await import('./pipeline.js');
    const { cliListener } = await import('../listener.js');
    const doc = await unverifiedReport(id, sources(ctx), cliListener(ctx));
    if (opts.format === 'json') {
      io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    } else {
      const { renderUnverified } = await import('../../render/unverified.js');
      io.stdout.write(renderUnverified(doc));
    }
    return EXIT.OK;
  }
  if (id === undefined) {
    const ids = listReferenceIds();
    if (opts.format === 'json') {
      io.stdout.write(`${JSON.stringify(ids.map((i) => ({ id: i, title: loadReference(i).title })), null, 2)}\n`);
    } else {
      for (const i of ids) io.stdout.write(`${i}  ${loadReference(i).title}\n`);
    }
    return EXIT.OK;
  }
  let data;
  try {
    data = loadReference(id);
  } catch (err) {
    if (err instanceof UnknownReferenceError) {
      const guess = didYouMean(id, err.known);
      throw new CliError(
        `unknown reference data set "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}; known: ${err.known.join(', ')}`,
        EXIT.USAGE,
      );
    }
    throw err;
  }
  const entries = referenceEntries(data);
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify({ id: data.id, title: data.title, valid_from: data.valid_from, notes: data.notes, values: entries, sources: data.sources }, null, 2)}\n`);
    return EXIT.OK;
  }
  const { renderReferenceTable } = await import('../../render/reference-table.js');
  io.stdout.write(renderReferenceTable(data, { color: ctx.global.color }));
  return EXIT.OK;
}
