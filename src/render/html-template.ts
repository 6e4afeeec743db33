/**
 * HTML built so that forgetting to escape is impossible: the `html` tagged template
 * escapes every interpolated string, and only an `Html` value (from `html` itself or
 * from an explicit `raw()`) passes through as markup. A scenario's names, paths and
 * sources are someone else's text; with this, the renderer cannot turn them into markup
 * by omission, and each `raw()` is a visible, reviewable claim that a fragment is ours.
 */
import { escapeXml } from './svg/util.js';

/** A fragment of markup that is trusted: built by `html` or declared by `raw()`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/**
 * What may be interpolated: text (escaped), numbers, trusted fragments, lists of these
 * (concatenated), and nothing (null, undefined or false render as nothing, for `cond && html`…``).
 */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

/** Trusted markup: our own SVG charts, the stylesheet, fixed tags. Never user text. */
export function raw(text: string): Html {
  return new Html(text);
}

/** The markup for one value: strings and numbers escaped, fragments as they are. */
export function toHtml(value: HtmlValue): Html {
  if (value instanceof Html) return value;
  if (value === null || value === undefined || value === false) return EMPTY;
  if (Array.isArray(value)) return new Html(value.map((v: HtmlValue) => toHtml(v).text).join(''));
  return new Html(escapeXml(String(value)));
}

const EMPTY = new Html('');

/** Tagged template: `html\`<p>${name}</p>\`` escapes `name` unless it is already `Html`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += toHtml(value).text + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Values joined by a separator (itself escaped unless `Html`). */
export function joinHtml(values: readonly HtmlValue[], separator: HtmlValue = ''): Html {
  const sep = toHtml(separator).text;
  return new Html(values.map((v) => toHtml(v).text).join(sep));
}
