import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fromRoot, LAYOUT, notBuiltError } from './paths.js';

/**
 * Data written as YAML, parsed with the yaml library loaded at the first call. Only the
 * TypeScript itself (tests, `npm run dev`) and the build read data sets as YAML; the
 * bundles read JSON, and a require the bundler cannot see keeps the library out of
 * every bundle that loads reference data without reading a scenario (src/build/bundle.ts).
 */
export function parseYamlData(text: string): unknown {
  yamlLibrary ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlLibrary.parse(text);
}
let yamlLibrary: typeof import('yaml') | undefined;

/**
 * A folder of data sets written and reviewed as `src/<name>/<id>.yaml` (reference data,
 * evidence libraries). The build writes each as JSON under `dist/generated/<name>/`
 * (src/build/compile-reference.ts), far faster to read, and the built CLI reads only
 * those: an installed package ships dist/, not src/. The TypeScript itself (tests,
 * `npm run dev`) reads the YAML, so an edit counts at once.
 */
export class DataSetFolder {
  readonly fromYaml = LAYOUT === 'source';
  readonly dir: string;
  readonly ext: string;

  constructor(name: string) {
    this.dir = this.fromYaml ? `src/${name}` : `dist/generated/${name}`;
    this.ext = this.fromYaml ? '.yaml' : '.json';
  }

  private listed: string[] | undefined;

  /**
   * The ids of the data sets in the folder, sorted; a missing folder means peerplan is
   * not built. Listed once per process: every scenario loaded asks (a batch, thousands).
   */
  ids(): string[] {
    this.listed ??= this.list();
    return [...this.listed];
  }

  private list(): string[] {
    let files: string[];
    try {
      files = readdirSync(fromRoot(this.dir));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notBuiltError(this.dir);
      throw err;
    }
    return files
      .filter((f) => f.endsWith(this.ext))
      .map((f) => f.slice(0, -this.ext.length))
      .sort();
  }

  /** The data set `id` as written (the caller has checked that it exists). */
  read(id: string): unknown {
    const text = readFileSync(fromRoot(this.dir, `${id}${this.ext}`), 'utf8');
    return this.fromYaml ? parseYamlData(text) : JSON.parse(text);
  }
}
