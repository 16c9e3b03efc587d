/** The date and the title a page states about itself, where it states several. */
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { readPageMetadata } from '../../../../../src/main/services/import/html/metadata'
import { chooseTitle } from '../../../../../src/main/services/import/html/title'

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
