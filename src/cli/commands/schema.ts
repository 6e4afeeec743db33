/**
 * `peerplan schema [--result]`: prints the JSON Schema of the scenario format (or of
 * the result document), exactly as shipped in schemas/.
 */
import { readFile } from 'node:fs/promises';
import type { CommandContext } from '../io.js';
import { CliError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { fromRoot } from '../../paths.js';

export interface SchemaOptions {
  result?: boolean;
}

export async function schemaCommand(ctx: CommandContext, opts: SchemaOptions = {}): Promise<ExitCode> {
  const name = opts.result ? 'result' : 'scenario';
  let text: string;
  try {
    text = await readFile(fromRoot('schemas', `${name}.schema.json`), 'utf8');
  } catch {
    throw new CliError(
      `the ${name} schema is not available in this version of peerplan (schemas/${name}.schema.json is missing)`,
      EXIT.USAGE,
    );
  }
  ctx.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return EXIT.OK;
}
