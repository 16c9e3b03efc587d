/** The date and the title a page states about itself, where it states several. */
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { readPageMetadata } from '../../../../../src/main/services/import/html/metadata'
import { chooseTitle } from '../../../../../src/main/services/import/html/title'
import { extractHtml } from '../../../../../src/main/services/import/html/extractHtml'
import { para } from './pages'

const metadataOf = (html: string) => readPageMetadata(new JSDOM(html).window.document)

describe('dates in microdata', () => {
  it("takes the question's date, not that of a comment on it that comes first", () => {
    const html = `<body><div itemscope itemtype="https://schema.org/Question">
      <h1 itemprop="name">How to back up my entire system?</h1>
      <time itemprop="dateCreated" datetime="2010-10-16 21:58:06Z">15 years ago</time>
      <div itemscope itemtype="https://schema.org/Comment">
        <div itemprop="datePublished">2018-05-21 20:37:55 +00:00</div><p>A comment.</p></div>
      </div></body>`
    expect(metadataOf(html).published).toBe('2010-10-16')
  })

  it("leaves the replies' dates to the thread's own, stated elsewhere", () => {
    const reply = (iso: string): string =>
      `<article itemscope itemtype="https://schema.org/Comment"><time itemprop="datePublished" datetime="${iso}">…</time><p>A reply.</p></article>`
    const html = `<head><script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Cameras","datePublished":"2024-01-10T17:47:16+00:00"}</script></head>
      <body>${reply('2024-01-11T19:11:34-0500')}${reply('2024-01-12T08:00:00-0500')}</body>`
    expect(metadataOf(html).published).toBe('2024-01-10')
  })
})

describe('titles', () => {
  it('takes the <h1> that is the stated headline over one that matches a tag before it in the <title>', () => {
    expect(
      chooseTitle({
        headline: 'How to back up my entire system?',
        documentTitle: 'backup - How to back up my entire system? - Ask Ubuntu',
        h1s: ['How to back up my entire system?', 'Backup', 'Restore'],
      }),
    ).toBe('How to back up my entire system?')
  })

  it("takes a forum's name after a dash off a long title, a possessive one word", () => {
    expect(
      chooseTitle({
        documentTitle: "Amd RX7800XT Wrong refresh rate ... - Doom9's Forum",
        h1s: [],
      }),
    ).toBe('Amd RX7800XT Wrong refresh rate ...')
  })
})

describe('the date a page shows by its headline', () => {
  const page = (stated: string, shown: string): string =>
    `<html><head><meta property="article:published_time" content="${stated}"></head><body>
      <main><h1>Notes on small models</h1><p class="meta">By Jane Doe</p><p>${shown}</p>
      ${para(5, 'small models')}</main></body></html>`

  it('is the date when the date the metadata states is nowhere on the page', () => {
    expect(extractHtml({ html: page('2025-06-24T10:00:00Z', 'August 25, 2024') }).published).toBe(
      '2024-08-25',
    )
  })

  it('is not taken when it is labelled as an update', () => {
    expect(
      extractHtml({ html: page('2025-06-24T10:00:00Z', 'Updated August 25, 2025') }).published,
    ).toBe('2025-06-24')
  })

  it('gives way to the stated date when the page shows that too', () => {
    expect(
      extractHtml({
        html: page('2025-06-24T10:00:00Z', 'August 25, 2024').replace(
          '</main>',
          '<footer><p>First published June 24, 2025</p></footer></main>',
        ),
      }).published,
    ).toBe('2025-06-24')
  })
})

describe('dates shown with no markup', () => {
  it('reads the date among the parts of a meta line', () => {
    const html = `<html><body><main><h1>How AI changes care</h1>
      <p>Aaron Ricadela | Senior Writer | July 2, 2025</p>${para(5, 'care')}</main></body></html>`
    expect(extractHtml({ html }).published).toBe('2025-07-02')
  })

  it('reads the date in a byline a forum sets apart by its class, with no <h1>', () => {
    const html = `<html><body><div class="nav">Today is Dec 3, 2026</div>
      <div class="post"><h3>MLS is back</h3>
      <p class="author">by <strong>jdoe</strong> » Tue Aug 27, 2019 1:47 am</p>
      <div class="content">${para(3, 'football')}</div></div></body></html>`
    expect(extractHtml({ html }).published).toBe('2019-08-27')
  })

  it("takes the first line that is just a date when nothing else dates the page (a post's header)", () => {
    const html = `<html><body><table><tr><td class="thead">30th March 2025, 16:26</td></tr>
      <tr><td>${para(3, 'encoders')}</td></tr></table></body></html>`
    expect(extractHtml({ html }).published).toBe('2025-03-30')
  })

  it('reads the date documentation sites state in ms.date', () => {
    expect(
      metadataOf(`<head><meta name="ms.date" content="2025-02-23T00:00:00Z"></head><body></body>`)
        .published,
    ).toBe('2025-02-23')
  })
})

describe('the stated date over the one shown by the headline', () => {
  const page = (head: string, shown: string): string =>
    `<html><head>${head}</head><body><main><h1>Notes on small models</h1><p>${shown}</p>
      ${para(5, 'small models')}</main></body></html>`

  it('is kept when the two are a day apart: the same moment in another time zone', () => {
    const head = '<meta property="article:published_time" content="2025-12-10T23:30:00-05:00">'
    expect(extractHtml({ html: page(head, 'December 11, 2025') }).published).toBe('2025-12-10')
  })

  it('is kept when the address files the page under that day', () => {
    const head = `<link rel="canonical" href="https://example.org/2021/01/18/tool-choices">
      <meta property="article:published_time" content="2021-01-18T10:00:00Z">`
    expect(extractHtml({ html: page(head, '2022-04-12') }).published).toBe('2021-01-18')
  })
})

describe('dates a page words or names its own way', () => {
  it("takes the day the text says the page first came out over the template's", () => {
    const html = `<html><head><meta property="article:published_time" content="2022-09-30T11:07:00Z"></head>
      <body><main><h1>Living in a tiny home</h1>${para(3, 'tiny homes')}
      <p><em>This article was originally published on 26 Sep 2019 at 4:12pm but has been regularly updated.</em></p>
      </main></body></html>`
    expect(extractHtml({ html }).published).toBe('2019-09-26')
  })

  it('passes over a date by the headline labelled as an update for the publication date beside it', () => {
    const html = `<html><body><main><p>Mental Health</p><p>DECEMBER 22, 2022</p>
      <h1>Benefits of meditation</h1><p>Updated: JANUARY 02, 2026</p>${para(5, 'meditation')}
      </main></body></html>`
    expect(extractHtml({ html }).published).toBe('2022-12-22')
  })

  it('reads a publication date under a key of the site’s own naming', () => {
    expect(
      metadataOf(
        `<head><meta name="w-published-date" content="2025-05-27T06:03:43.274Z"></head><body></body>`,
      ).published,
    ).toBe('2025-05-27')
  })
})
