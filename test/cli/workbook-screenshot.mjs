#!/usr/bin/env node
/**
 * Makes the README's picture of the live workbook (docs/workbook-screenshot.png): the six
 * bundled options' workbook, recalculated by LibreOffice, its Appraisal sheet rendered by
 * LibreOffice to PDF and by pdftoppm to PNG. Needs dist/ built, soffice and pdftoppm.
 *
 *   node test/cli/workbook-screenshot.mjs [sheet] [out.png]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

const sheet = process.argv[2] ?? 'Appraisal';
const out = process.argv[3] ?? 'docs/workbook-screenshot.png';
const dir = mkdtempSync(join(tmpdir(), 'peerplan-shot-'));
const soffice = process.env.PEERPLAN_SOFFICE ?? '/usr/bin/soffice';
const profile = (recalculate) => {
  const p = mkdtempSync(join(dir, 'profile-'));
  mkdirSync(join(p, 'user'));
  const mode = recalculate ? '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>' : '';
  writeFileSync(join(p, 'user', 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry">${mode}</oor:items>`);
  return `-env:UserInstallation=${pathToFileURL(p).href}`;
};
try {
  const files = ['band3-fixed-term', 'band4-permanent', 'baseline', 'lone-peer-worker', 'scale-up', 'vcse-grant-funded'].map((f) => `scenarios/${f}.yaml`);
  execFileSync('node', ['bin/peerplan.js', 'compare', ...files, '--format', 'xlsx', '--out', join(dir, 'six.xlsx'), '--quiet']);
  execFileSync(soffice, [profile(true), '--headless', '--convert-to', 'xlsx', '--outdir', join(dir, 'recalculated'), join(dir, 'six.xlsx')], { stdio: 'ignore' });
  // The chosen sheet alone, its recalculated figures as values, fitted to one landscape page.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'recalculated', 'six.xlsx'));
  for (const ws of [...wb.worksheets]) if (ws.name !== sheet) wb.removeWorksheet(ws.id);
  const ws = wb.getWorksheet(sheet);
  ws.eachRow((row) => row.eachCell((cell) => {
    const v = cell.value;
    if (v && typeof v === 'object' && 'formula' in v) cell.value = v.result ?? 0;
  }));
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1, paperSize: 9 };
  wb.definedNames.model = [];
  await wb.xlsx.writeFile(join(dir, 'sheet.xlsx'));
  execFileSync(soffice, [profile(false), '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'sheet.xlsx')], { stdio: 'ignore' });
  execFileSync('pdftoppm', ['-png', '-r', '120', '-f', '1', '-l', '1', '-singlefile', '-x', '80', '-y', '95', '-W', '1250', '-H', '700', join(dir, 'sheet.pdf'), join(dir, 'sheet')]);
  renameSync(join(dir, 'sheet.png'), out);
  console.log(`Wrote ${out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
