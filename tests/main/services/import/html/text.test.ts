/**
 * Which words of a page reach the article: content the page hides or marks in ways that
 * mislead Readability, each on a small page built to need its rule.
 */
import { describe, expect, it } from 'vitest'
import {
  extractHtml,
  withoutRepeatedRuns,
} from '../../../../../src/main/services/import/html/extractHtml'
import { withoutPermalinkSign } from '../../../../../src/main/services/import/html/toBlocks'
import type { Block } from '../../../../../src/main/services/import/types'

import { para, textOf } from './pages'

describe('hidden content', () => {
  it('keeps a page that hides itself until its scripts have run', () => {
    const html = `<html><head><title>Machine learning</title></head><body>
      <div id="app" style="visibility:hidden;background-color:#fff"><div class="root">
        <nav><a href="/">Home</a></nav>
        <article><h1>Machine learning</h1>${para(6, 'learning from data')}</article>
      </div></div><footer>© Example</footer></body></html>`
    expect(textOf(html)).toContain('Paragraph 6 about learning from data')
  })

  it('still leaves out a hidden part that is not most of the page', () => {
    const html = `<html><head><title>Machine learning</title></head><body>
      <article><h1>Machine learning</h1>${para(6, 'learning from data')}</article>
      <div style="display:none"><p>Sign up for our newsletter, which arrives every week with news.</p></div>
      </body></html>`
    expect(textOf(html)).not.toContain('newsletter')
  })
})

describe('folded content', () => {
  it("keeps every panel of a manual's tab group, not only the one shown", () => {
    const panel = (os: string, hidden: boolean): string =>
      `<section role="tabpanel" id="tab-${os}"${hidden ? ' hidden' : ''}>
        <p>The following steps install the tools on ${os}, with the package manager that ${os} users know best.</p></section>`
    const html = `<html><head><title>Install the tools</title></head><body><main><h1>Install the tools</h1>
      ${para(4, 'the tools')}<div class="tabGroup"><ul role="tablist"><li>Windows</li><li>macOS</li></ul>
      ${panel('Windows', false)}${panel('macOS', true)}</div>${para(2, 'running the tools')}</main></body></html>`
    expect(textOf(html)).toContain('install the tools on macOS')
  })

  it("keeps an accordion's collapsed panels of prose, but not a menu's", () => {
    const html = `<html><head><title>Solar panels</title></head><body>
      <header><a role="button" aria-controls="menu">Menu</a>
        <div id="menu" style="display:none"><a href="/a">Solar</a> <a href="/b">Batteries</a></div></header>
      <main><h1>Solar panels</h1>${para(4, 'solar panels')}
      <div class="accordion"><a role="button" aria-controls="step-1">1. Understand your bill</a>
        <div id="step-1" style="display:none;"><p>Installing solar panels can offset your electric bill, and the higher the bill, the more you save.</p></div></div>
      </main></body></html>`
    const text = textOf(html)
    expect(text).toContain('Installing solar panels can offset')
    expect(text).not.toContain('Batteries')
  })
})

describe('parts of a sentence', () => {
  it("keeps a citation's number whose class names a footer", () => {
    const cite = (n: number): string =>
      `<span class="footers"><a class="citation-link" href="#ref${n}">${n}</a></span>`
    const html = `<html><head><title>Stress</title></head><body><article><h1>Stress</h1>
      <p>Elevated stress has been reported in more than 75% of college students [${cite(1)}-${cite(3)}], and students often report more stress than others.</p>
      ${para(6, 'stress')}</article></body></html>`
    expect(textOf(html)).toContain('students [1-3], and')
  })
})

describe('repeated parts', () => {
  it('says once a section the page renders again for another screen size', () => {
    const section = `<h2>Budget</h2>${para(3, 'a remodel on a budget')}`
    const html = `<html><head><title>Remodel costs</title></head><body><main><h1>Remodel costs</h1>
      ${para(2, 'remodel costs')}
      <div class="variant desktop">${section}</div><div class="variant phone">${section}</div>
      </main></body></html>`
    const text = textOf(html)
    expect(text.split('Paragraph 3 about a remodel on a budget').length - 1).toBe(1)
  })

  it('keeps a note that a manual repeats under each of its tabs', () => {
    const note =
      '<p>For more information, including links to example code that you can refer to, see Bindings.</p>'
    const tab = (lang: string): string =>
      `<div class="tab"><h3>${lang}</h3>${note}<pre><code>run --${lang}</code></pre></div>`
    const html = `<html><head><title>Bindings</title></head><body><main><h1>Bindings</h1>
      ${para(3, 'bindings')}${tab('python')}${tab('node')}</main></body></html>`
    expect(textOf(html).split('see Bindings.').length - 1).toBe(2)
  })

  it('looks for repeats within a bound on a page of many like blocks', () => {
    // A word said between every line (a log's `Reply`): every line could start a repeat.
    const blocks: Block[] = Array.from({ length: 40_000 }, (_, i) => ({
      type: 'paragraph',
      text: i % 2 ? `Line ${i} of the log, said once.` : 'Reply',
    }))
    const kept = withoutRepeatedRuns(blocks)
    expect(kept).toHaveLength(blocks.length)
  })
})

describe('the landmark', () => {
  it("reads the whole main part when Readability drops most of its prose (a grid of 'widgets')", () => {
    const plant = (name: string): string =>
      `<div class="col-lg"><img src="/${name}.jpg" alt=""><h6><strong>${name}</strong></h6>
        <p>${name} grows in the darkest corner of a room, and its leaves keep their colour through the winter months. It needs water once a fortnight, less in the cold, and it forgives a forgotten week. Repot it every other spring, into a pot one size larger than the last one it had.</p></div>`
    const grid = (names: string[]): string =>
      `<div class="ck-widget bs_grid"><div class="ck-widget row">${names.map(plant).join('')}</div></div>`
    const html = `<html><head><title>Plants for dark rooms</title></head><body>
      <header><nav><a href="/">Home</a></nav></header>
      <main><div class="layout-main"><div class="layout-content"><div><article><div><div class="plant-info">
        <div class="plant-info__item plant-info__item--body">${para(3, 'dark rooms')}
        <p>But that is no problem for several indoor plants that can brighten a drab corner with their leaves and their shapes.</p>
        ${grid(['Snake plant', 'ZZ plant', 'Pothos'])}${grid(['Cast iron plant', 'Peace lily', 'Philodendron'])}
        <div><a href="/more">More plants</a></div>
        <aside><p>Sign up to our newsletter, for the best of our advice in your inbox every single week.</p></aside>
      </div></div></div></article></div></div></div></main>
      <footer><p>Copyright the garden, all rights reserved, do not copy this page without asking first.</p></footer>
      </body></html>`
    const text = textOf(html)
    expect(text).toContain('Paragraph 3 about dark rooms')
    expect(text).toContain('Philodendron grows in the darkest corner')
    expect(text).not.toContain('newsletter')
    expect(text).not.toContain('Copyright')
  })
})

describe("headings' link signs", () => {
  it.each([
    ['Handlers¶', 'Handlers'],
    ['Usage #', 'Usage'],
    ['Setup 🔗', 'Setup'],
    ['§Examples', 'Examples'],
    ['Learn C#', 'Learn C#'],
    ['§ 230 of the Communications Act', '§ 230 of the Communications Act'],
    ['#16 Fixing the build', '#16 Fixing the build'],
  ])('%j reads %j', (heading, text) => {
    expect(withoutPermalinkSign(heading)).toBe(text)
  })

  it("leaves the sign of a heading's own link out of the article and its title", () => {
    const html = `<html><head><title>Logging HOWTO</title></head><body><main>
      <h1>Logging HOWTO<a class="headerlink" href="#logging-howto">¶</a></h1>${para(2, 'logging')}
      <h2><a class="anchor" href="#handlers">§</a>Handlers</h2>${para(2, 'handlers')}</main></body></html>`
    const article = extractHtml({ html })
    expect(article.title).toBe('Logging HOWTO')
    expect(article.blocks).toContainEqual({ type: 'heading', level: 2, text: 'Handlers' })
  })
})
