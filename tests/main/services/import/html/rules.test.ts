/**
 * Lectern's own extraction rules, each on a small page built to need it. Direct calls (no
 * worker): these are rules, not limits.
 */
import { describe, expect, it } from 'vitest'
import { extractHtml } from '../../../../../src/main/services/import/html/extractHtml'
import { blocksToText } from '../../../../../src/main/services/import/types'

const para = (n: number, topic: string): string =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1} about ${topic}, with enough words in it, commas, and a full stop to read as prose. It goes on a little longer, so that it counts.</p>`,
  ).join('')

const textOf = (html: string): string => blocksToText(extractHtml({ html }).blocks)

describe('page preparation', () => {
  it('shows the parts a streaming page sends hidden for its scripts to move', () => {
    const html = `<html><head><title>Tuning queries</title></head><body>
      <nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>
      <template id="B:0"></template><p>Loading…</p>
      <div hidden id="S:0"><article><h1>Tuning queries</h1>${para(6, 'indexes')}</article></div>
      </body></html>`
    expect(textOf(html)).toContain('Paragraph 6 about indexes')
  })

  it('keeps an article whose layout classes name a sidebar', () => {
    const html = `<html><head><title>Renting a car</title></head><body>
      <div class="disclosure"><p>Some offers on this site come from partners who pay us, which may change where and how products appear on the page.</p></div>
      <main><article class="template template-with-sidebar"><div class="article"><div class="articleContent">
        ${para(8, 'renting a car')}</div></div>
        <aside class="sidebar"><a href="/a">Best cards</a></aside></article></main></body></html>`
    expect(textOf(html)).toContain('Paragraph 8 about renting a car')
  })
})
