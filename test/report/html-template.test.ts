import { describe, expect, it } from 'vitest';
import { html, joinHtml, raw, toHtml } from '../../src/render/html-template.js';

describe('html tagged template', () => {
  it('escapes every interpolated string, in content and attributes', () => {
    const name = `<script>alert("x")</script> & 'y'`;
    expect(html`<p title="${name}">${name}</p>`.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
    );
  });

  it('passes fragments built by html or raw() through unchanged, once', () => {
    const inner = html`<b>${'a<b'}</b>`;
    expect(html`<p>${inner}${raw('<br>')}</p>`.text).toBe('<p><b>a&lt;b</b><br></p>');
  });

  it('concatenates lists and renders nothing for null, undefined and false', () => {
    expect(html`<ul>${['<1>', html`<li>2</li>`]}</ul>${null}${undefined}${false}${0}`.text).toBe('<ul>&lt;1&gt;<li>2</li></ul>0');
    expect(joinHtml(['a&b', raw('<i>c</i>')], raw('<br>')).text).toBe('a&amp;b<br><i>c</i>');
    expect(joinHtml(['a', 'b'], ' & ').text).toBe('a &amp; b');
    expect(toHtml('"').text).toBe('&quot;');
  });
});
