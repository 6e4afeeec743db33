/**
 * Text positions in a PDF (pdftotext -bbox, from poppler-utils): words with their boxes,
 * page by page, and lines built from them. For checks a person would make by eye on a
 * printout: a heading alone at the foot of a page, labels printed over one another.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export const HAVE_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;

export interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const decode = (t: string): string => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * Every word of every page, with its box in points from the page's top left. A haloed chart
 * label (SVG paint-order stroke) prints its text twice in the same place: kept once.
 */
export function pdfWords(pdf: string): Word[][] {
  const out = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('<page ').slice(1).map((chunk, i) => {
    const words: Word[] = [];
    for (const m of chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      const w = { page: i + 1, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: decode(m[5] ?? '') };
      if (!words.some((v) => v.text === w.text && Math.abs(v.xMin - w.xMin) < 1 && Math.abs(v.yMin - w.yMin) < 1)) words.push(w);
    }
    return words;
  });
}

/** A page's lines of text, top to bottom: words whose vertical middles are within 2 points, left to right. */
export function pageLines(words: readonly Word[]): Array<{ y: number; text: string }> {
  const lines: Array<{ y: number; words: Word[] }> = [];
  for (const w of [...words].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)) {
    const mid = (w.yMin + w.yMax) / 2;
    const line = lines.find((l) => Math.abs(l.y - mid) < 2);
    if (line) line.words.push(w);
    else lines.push({ y: mid, words: [w] });
  }
  return lines.sort((a, b) => a.y - b.y).map((l) => ({ y: l.y, text: l.words.sort((a, b) => a.xMin - b.xMin).map((w) => w.text).join(' ') }));
}

/** Pairs of words whose boxes overlap by more than `share` of the smaller one's area (text printed over text). */
export function overprinted(words: readonly Word[], share = 0.3): Array<[Word, Word]> {
  const out: Array<[Word, Word]> = [];
  const area = (w: Word): number => Math.max(0, w.xMax - w.xMin) * Math.max(0, w.yMax - w.yMin);
  for (let i = 0; i < words.length; i++) {
    const a = words[i] as Word;
    for (let j = i + 1; j < words.length; j++) {
      const b = words[j] as Word;
      const w = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const h = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (w <= 0 || h <= 0) continue;
      if (w * h > share * Math.min(area(a), area(b))) out.push([a, b]);
    }
  }
  return out;
}
