/**
 * Which heading is the article's title: a site's banner and a logo's drawing are not.
 */
import { describe, expect, it } from 'vitest'
import { extractHtml } from '../../../../../src/main/services/import/html/extractHtml'
import { chooseTitle } from '../../../../../src/main/services/import/html/title'

const prose = Array.from(
  { length: 5 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the post, with enough words in it, commas, and a full stop to read as prose. It goes on a little longer.</p>`,
).join('')

describe('the title', () => {
  it('is not the site banner, a heading whose words are a link to the front page', () => {
    const html = `<html><head><title>example.com Notes on small models</title></head><body>
      <header><h1><a href="https://example.com/">example.com</a></h1></header>
      <main><h2>Notes on small models</h2>${prose}</main></body></html>`
    expect(extractHtml({ html }).title).toBe('Notes on small models')
  })

  it('is a headline that links to the article itself', () => {
    const html = `<html><head><title>Blog</title></head><body>
      <main><h1><a href="/2025/12/notes-on-small-models.html">Notes on small models</a></h1>${prose}</main></body></html>`
    expect(extractHtml({ html }).title).toBe('Notes on small models')
  })

  it('leaves out the label of a drawing in the heading (a logo)', () => {
    const html = `<html><head><title>Which board to choose</title></head><body>
      <h1 class="header"><svg viewBox="0 0 4 4"><title>Artboard</title><desc>Created with Sketch.</desc></svg> Forum</h1>
      <main><h2>Which board to choose</h2>${prose}</main></body></html>`
    expect(extractHtml({ html }).title).not.toMatch(/Artboard|Sketch/)
  })

  it('keeps apart the lines of a headline broken in two', () => {
    const html = `<html><head><title>Top programs</title></head><body>
      <main><h1>Top Programs of 2025 (US)<br>Your Guide to the Best Schools</h1>${prose}</main></body></html>`
    expect(extractHtml({ html }).title).toBe(
      'Top Programs of 2025 (US) Your Guide to the Best Schools',
    )
  })
})

describe('a heading encoded as UTF-8 twice', () => {
  it('is read back before its permalink sign comes off', () => {
    // `—` and `¶` as UTF-8 bytes each taken for a character of its own.
    const twice = (s: string): string =>
      Array.from(new TextEncoder().encode(s), (b) => String.fromCharCode(b)).join('')
    expect(
      chooseTitle({
        documentTitle: 'itertools — Functions creating iterators — Python 3 documentation',
        h1s: [twice('itertools — Functions creating iterators¶')],
      }),
    ).toBe('itertools — Functions creating iterators')
  })
})

describe('a heading whose characters a charset conversion lost', () => {
  it('reads as the <title> spells it, when that says the same at every other place', () => {
    expect(
      chooseTitle({
        documentTitle: "What Are The Basics Of Event Planning: Beginner's Guide",
        h1s: ['What Are The Basics Of Event Planning? Beginner? Guide'],
      }),
    ).toBe("What Are The Basics Of Event Planning: Beginner's Guide")
    expect(
      chooseTitle({
        documentTitle: 'Caf\u00e9 guide for a week in Lyon | Example',
        h1s: ['Caf\ufffd guide for a week in Lyon'],
      }),
    ).toBe('Caf\u00e9 guide for a week in Lyon')
  })

  it('keeps its question marks where the <title> says something else', () => {
    expect(
      chooseTitle({
        documentTitle: 'Is it worth it? A long look at consulting | Example',
        h1s: ['Is it worth it? A long look at consulting'],
      }),
    ).toBe('Is it worth it? A long look at consulting')
    expect(
      chooseTitle({
        documentTitle: 'Which telescope first? Our picks for beginners',
        h1s: ['Which telescope first? Ask the forum'],
      }),
    ).toBe('Which telescope first? Ask the forum')
  })
})

describe('words before the headline in the <h1>', () => {
  it('are a label when the <title> does not set them before it (a section, a date)', () => {
    expect(
      chooseTitle({
        headline: 'ProxMox or Ubuntu for virtualization?',
        documentTitle: 'Tips/Techniques - ProxMox or Ubuntu for virtualization? | Metal Workers',
        h1s: ['Tips/Techniques ProxMox or Ubuntu for virtualization?'],
      }),
    ).toBe('ProxMox or Ubuntu for virtualization?')
  })

  it('are the headline’s own when the <title> sets them before it too', () => {
    expect(
      chooseTitle({
        headline: 'Software Development Price Guide & Hourly Rate Comparison',
        documentTitle: '2025 Software Development Price Guide & Hourly Rate | FullStack Blog',
        h1s: ['2025 Software Development Price Guide & Hourly Rate Comparison'],
      }),
    ).toBe('2025 Software Development Price Guide & Hourly Rate Comparison')
  })
})
