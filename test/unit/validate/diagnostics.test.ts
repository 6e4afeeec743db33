import { describe, expect, it } from 'vitest';
import {
  codeFrame,
  DIAGNOSTIC_CODES,
  diagnosticCodes,
  diagnosticToJson,
  formatDiagnostic,
  formatDiagnostics,
  lineStarts,
  sortDiagnostics,
  type Diagnostic,
} from '../../../src/source/diagnostics.js';

const d = (over: Partial<Diagnostic> = {}): Diagnostic => ({
  code: 'PERCENT_AS_NUMBER',
  severity: 'error',
  file: 'scenarios/x.yaml',
  line: 12,
  column: 23,
  path: 'turnover.annual_leaver_rate',
  message: 'turnover.annual_leaver_rate is 14',
  ...over,
});

describe('the code table', () => {
  it('codes are UPPER_SNAKE with a one-line description', () => {
    for (const code of diagnosticCodes()) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(DIAGNOSTIC_CODES[code].description).toMatch(/^[A-Z].*\.$/);
      expect(DIAGNOSTIC_CODES[code].description).not.toContain('\n');
    }
  });
});

describe('codeFrame', () => {
  const text = 'peerplan: 1\nturnover:\n  annual_leaver_rate: 14\n';
  it('shows the line and a caret under the problem', () => {
    expect(codeFrame(text, lineStarts(text), 3, 23, 2)).toBe('  3 |   annual_leaver_rate: 14\n    |                       ^^');
  });
  it('is undefined for lines outside the text', () => {
    expect(codeFrame(text, lineStarts(text), 0, 1)).toBeUndefined();
    expect(codeFrame(text, lineStarts(text), 99, 1)).toBeUndefined();
  });
  it('handles CRLF line endings and tabs', () => {
    const crlf = 'a: 1\r\n\tb: 2\r\n';
    expect(codeFrame(crlf, lineStarts(crlf), 1, 4)).toBe('  1 | a: 1\n    |    ^');
    expect(codeFrame(crlf, lineStarts(crlf), 2, 2)).toBe('  2 |  b: 2\n    |  ^');
  });
});

describe('formatting', () => {
  it('renders every part, plain', () => {
    const text = formatDiagnostic(
      d({ expected: 'a percentage', example: 'annual_leaver_rate: 14%', did_you_mean: '14%', frame: '  12 |   annual_leaver_rate: 14\n     |                       ^^' }),
    );
    expect(text).toBe(
      [
        'scenarios/x.yaml:12:23: error PERCENT_AS_NUMBER: turnover.annual_leaver_rate is 14',
        '    expected: a percentage',
        '    example:  annual_leaver_rate: 14%',
        '    did you mean: 14%',
        '    12 |   annual_leaver_rate: 14',
        '       |                       ^^',
      ].join('\n'),
    );
  });

  it('uses colour only when asked', () => {
    expect(formatDiagnostic(d())).not.toContain('\u001b[');
    expect(formatDiagnostic(d(), { color: true })).toContain('\u001b[');
  });

  it('whole-file problems show the file alone', () => {
    expect(formatDiagnostic(d({ code: 'FILE_NOT_FOUND', line: 0, column: 0, path: '', message: 'x.yaml does not exist' }))).toBe(
      'scenarios/x.yaml: error FILE_NOT_FOUND: x.yaml does not exist',
    );
  });

  it('formatDiagnostics separates with blank lines and ends with a newline', () => {
    expect(formatDiagnostics([d(), d({ line: 13 })])).toMatch(/^scenarios\/x\.yaml:12:23: .*\n\nscenarios\/x\.yaml:13:23: .*\n$/);
    expect(formatDiagnostics([])).toBe('');
  });

  it('JSON form has a fixed key order and leaves out unset fields', () => {
    expect(Object.keys(diagnosticToJson(d({ example: 'e' })))).toEqual(['code', 'severity', 'file', 'line', 'column', 'path', 'message', 'example']);
  });
});

describe('sortDiagnostics', () => {
  it('orders by file (first seen), line, column, code; drops duplicates', () => {
    const sorted = sortDiagnostics([d({ file: 'b', line: 1 }), d({ file: 'a', line: 5 }), d({ file: 'b', line: 1 }), d({ file: 'a', line: 2, column: 9 }), d({ file: 'a', line: 2, column: 1 })]);
    expect(sorted.map((x) => `${x.file}:${x.line}:${x.column}`)).toEqual(['b:1:23', 'a:2:1', 'a:2:9', 'a:5:23']);
  });
});
