/**
 * Recalculating workbooks with LibreOffice (headless), a formula engine that is not
 * peerplan's: the proof that the live workbook's formulas give the engine's figures.
 *
 * LibreOffice keeps the cached values of an .xlsx file unless told to recalculate on
 * load, so each run uses a fresh user profile whose settings say "always recalculate"
 * (OOXMLRecalcMode 0). All files go through one soffice process: starting it is most
 * of the cost.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The soffice binary: PEERPLAN_SOFFICE, else Debian's. */
export const SOFFICE = process.env.PEERPLAN_SOFFICE ?? '/usr/bin/soffice';
export const HAVE_SOFFICE = existsSync(SOFFICE);
export const SOFFICE_INSTALL = 'apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui';

/**
 * LibreOffice settings: recalculate on load. Its calculation is otherwise as installed
 * (multi-threaded calculation of formula groups on), as an analyst's would be.
 */
const SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Opens each file in LibreOffice, recalculates every formula and saves it to `outDir`
 * (as `format`: xlsx, or png for a picture of the first sheet). Returns the paths written.
 */
export function sofficeConvert(files: readonly string[], outDir: string, format = 'xlsx'): string[] {
  const profile = mkdtempSync(join(tmpdir(), 'peerplan-lo-'));
  try {
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), SETTINGS);
    const r = spawnSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, ...files], {
      encoding: 'utf8',
      timeout: 600_000,
      env: { ...process.env, HOME: profile },
    });
    if (r.status !== 0) throw new Error(`soffice failed (${String(r.status)}): ${r.stderr}`);
    const out = files.map((f) => join(outDir, basename(f).replace(/\.[^.]+$/, `.${format}`)));
    for (const f of out) if (!existsSync(f)) throw new Error(`soffice did not write ${f}: ${r.stdout}${r.stderr}`);
    return out;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
