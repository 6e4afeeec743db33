/**
 * The escaping functions with hostile strings: CSV formula injection (OWASP), terminal
 * control sequences, Markdown markup and links, and text XML cannot hold.
 */
import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula } from '../../../src/text/csv-field.js';
import { markdownCode, markdownText, terminalSafe, terminalText, xmlChars, xmlSafe, xmlText } from '../../../src/render/safe-text.js';
import { sheetNames } from '../../../src/render/xlsx.js';

describe('CSV cells (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+SUM(1,2)', `"'+SUM(1,2)"`],
    ['-2+3+cmd|\' /C calc\'!A0', `'-2+3+cmd|' /C calc'!A0`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `"'\r=1+1"`],
    ['-', `'-`],
  ])('a text cell beginning %j is prefixed with an apostrophe', (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });

  it('keeps numbers numeric: a negative number is written as itself', () => {
    expect(csvField(-123.45)).toBe('-123.45');
    expect(csvField(-0.0000001)).toBe('0');
    // Text that is a plain number (a sweep's axis value) stays a number for the spreadsheet.
    expect(csvField('-5')).toBe('-5');
    expect(csvField('-12.5%')).toBe('-12.5%');
    expect(csvField('-1e-7')).toBe('-1e-7');
    expect(neutraliseFormula('-1+2')).toBe("'-1+2");
    expect(neutraliseFormula('-5 ')).toBe("'-5 ");
  });

  it('leaves ordinary text alone and quotes separators, including the semicolon', () => {
    expect(csvField('Band 3 fixed-term')).toBe('Band 3 fixed-term');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;=cmd')).toBe('"a;=cmd"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
  });
});

describe('terminal text', () => {
  it('turns escape sequences, C1 controls and bidi overrides into ?', () => {
    expect(terminalText('\x1b[2J\x1b]0;pwned\x07Name')).toBe('?[2J?]0;pwned?Name');
    expect(terminalText('a\u009b31mb')).toBe('a?31mb');
    expect(terminalText('abc\u202edcba\u2066x\u2069')).toBe('abc?dcba?x?');
    expect(terminalText('\x7f\x00')).toBe('??');
  });

  it('keeps a name on one line', () => {
    expect(terminalText('Line one\nNPV £1,000,000\r\nthree\tfour')).toBe('Line one NPV £1,000,000 three four');
  });

  it('cleans every string of a document, keys and numbers untouched', () => {
    const doc = { name: '\x1b[31mred', n: -1, list: [{ file: 'a\x1bb.yaml', v: null }], ok: true };
    expect(terminalSafe(doc)).toEqual({ name: '?[31mred', n: -1, list: [{ file: 'a?b.yaml', v: null }], ok: true });
    expect(doc.name).toBe('\x1b[31mred');
  });
});

describe('Markdown text', () => {
  it('escapes raw HTML, links, images and autolinks', () => {
    expect(markdownText('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(markdownText('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
    expect(markdownText('![x](http://evil/x.png)')).toBe('\\!\\[x\\](http://evil/x.png)');
    expect(markdownText('<javascript:alert(1)>')).toBe('\\<javascript:alert(1)\\>');
    expect(markdownText('&lt;b&gt;')).toBe('\\&lt;b\\&gt;');
  });

  it('escapes emphasis, code and headings but not an underscore inside a word', () => {
    expect(markdownText('**bold** `code` # ~~x~~ _em_ a\\b')).toBe('\\*\\*bold\\*\\* \\`code\\` \\# \\~\\~x\\~\\~ \\_em\\_ a\\\\b');
    expect(markdownText('fixed_term')).toBe('fixed_term');
  });

  it('keeps a name on one line (a table row cannot be ended early)', () => {
    expect(markdownText('a\n| x | y |\nb')).toBe('a | x | y | b');
  });

  it('fences a code span with more backticks than it holds', () => {
    expect(markdownCode('scenarios/a.yaml')).toBe('`scenarios/a.yaml`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x')).toBe('`` `x ``');
    expect(markdownCode('a\nb')).toBe('`a b`');
  });
});

describe('workbook XML text', () => {
  it('replaces characters XML 1.0 cannot hold', () => {
    expect(xmlChars('a\ufffeb\uffffc')).toBe('a\ufffdb\ufffdc');
    expect(xmlChars('a\u0001b\u000bc\u001fd')).toBe('a\ufffdb\ufffdc\ufffdd');
    expect(xmlChars('tab\tlf\ncr\r')).toBe('tab\tlf\ncr\r');
    expect(xmlChars('lone \ud800 high, lone \udc00 low')).toBe('lone \ufffd high, lone \ufffd low');
    expect(xmlChars('pair 😀 kept')).toBe('pair 😀 kept');
  });

  it("escapes Excel's _xHHHH_ so it shows as typed", () => {
    expect(xmlText('_x0007_ and _x0041_')).toBe('_x005F_x0007_ and _x005F_x0041_');
    expect(xmlSafe({ a: ['\uffff'] })).toEqual({ a: ['\ufffd'] });
  });

  it('makes sheet names Excel accepts: 31 units, no forbidden characters, unique, no split emoji', () => {
    const names = sheetNames(['\ufffe\uffff', 'a/b:c*d?e[f]g\\h', `${'x'.repeat(30)}😀`, 'Summary', 'summary', "'quoted'", 'x\u0007y\u009bz\u202e']);
    expect(names).toEqual(['Scenario 1', 'a-b-c-d-e-f-g-h', 'x'.repeat(30), 'Summary (2)', 'summary (3)', 'quoted', 'x y z']);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[\u0000-\u001f[\]:*?/\\\ud800-\udfff\ufffe\uffff]/);
    }
  });
});
