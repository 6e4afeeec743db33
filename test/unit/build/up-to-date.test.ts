// `npm start` and `npm pack` build only when dist/ was built from other sources
// (src/build/up-to-date.mjs): by content, so file times and a fresh checkout change nothing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'peerplan-up-to-date-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'src', 'build', 'up-to-date.mjs'), ...args], { encoding: 'utf8' });

describe('up-to-date', () => {
  it('says dist/ is current until a source changes, whatever the file times', () => {
    mkdirSync(join(dir, 'src', 'build'), { recursive: true });
    mkdirSync(join(dir, 'schemas'));
    copyFileSync(join(ROOT, 'src', 'build', 'up-to-date.mjs'), join(dir, 'src', 'build', 'up-to-date.mjs'));
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'schemas', 'x.schema.json'), '{}\n');
    writeFileSync(join(dir, 'package.json'), '{}\n');

    expect(check()).toMatchObject({ status: 1, stderr: 'dist/ is not built yet: building it (npm run build)\n' });
    mkdirSync(join(dir, 'dist'));
    expect(check('--write').status).toBe(0);
    expect(check()).toMatchObject({ status: 0, stderr: '' });

    const later = new Date(Date.now() + 3_600_000);
    utimesSync(join(dir, 'src', 'a.ts'), later, later);
    expect(check().status).toBe(0);

    writeFileSync(join(dir, 'schemas', 'x.schema.json'), '{ "type": "object" }\n');
    expect(check()).toMatchObject({ status: 1, stderr: 'dist/ was built from other sources: rebuilding it (npm run build)\n' });
    expect(check('--write').status).toBe(0);
    writeFileSync(join(dir, 'src', 'b.ts'), '');
    expect(check().status).toBe(1);
  });
});
