/**
 * Issue 24, N6: options named like the values workbook's own sheets (Uncertainty, added by
 * `--draws`; Summary, Monthly, Inputs; Excel's History), in any case, or with names Excel
 * refuses (over 31 characters, `[]:*?/\`), get sheets of their own: the workbook is
 * written (it exited 70, "Worksheet name already exists: Uncertainty").
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, suiteTempDir } from './run-cli.js';
import { readWorkbook } from './workbook.js';
import { sheetNames } from '../../src/render/xlsx.js';

const HOSTILE = ['Uncertainty', 'uNCERTAINTY', 'History', 'inputs', 'a/b:c*d?e[f]g\\h and a name well past thirty-one characters'];

describe('option names that are sheet names of the values workbook', () => {
  it('are numbered apart from the reserved names, ignoring case', () => {
    expect(sheetNames(HOSTILE)).toEqual(['Uncertainty (2)', 'uNCERTAINTY (3)', 'History (2)', 'inputs (2)', 'a-b-c-d-e-f-g-h and a name well']);
  });

  it('report --xlsx-values --draws writes every option\u2019s sheet and the Uncertainty sheet (exit 0)', async () => {
    const dir = suiteTempDir('peerplan-sheet-names-');
    const text = readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8').replace(/years: 5/, 'years: 1');
    const files = HOSTILE.map((name, i) => {
      const file = join(dir, `s${i}.yaml`);
      writeFileSync(file, text.replace(/^baseline: true.*\n/m, '').replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`));
      return file;
    });
    const r = await runCli(['report', ...files, '--xlsx-values', '--draws', '20', '--out', join(dir, 'book.xlsx'), '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const wb = await readWorkbook(join(dir, 'book.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', ...sheetNames(HOSTILE), 'Monthly', 'Inputs', 'Uncertainty']);
  });
});
