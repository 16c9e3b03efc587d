/**
 * Lectern's own extraction rules, each on a small page built to need it. Direct calls (no
 * worker): these are rules, not limits.
 */
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { extractHtml } from '../../../../../src/main/services/import/html/extractHtml'
import { unhintHeadingIds } from '../../../../../src/main/services/import/html/prepare'
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

const reply = (cls: string, name: string, body: string): string =>
  `<div class="${cls}"><div class="postprofile"><b>${name}</b> Posts: 138 Joined: 4 Jul 2012</div>
    <div class="content">${body}</div>
    <ul class="post-buttons"><li><a href="#">Quote</a></li></ul>
    <div class="signature">My computer: a laptop from 2019 with far too little memory</div></div>`

describe('discussions', () => {
  it('keeps every post of a thread whose posts alternate their classes', () => {
    const posts = [
      reply(
        'post odd',
        'galitsyn',
        'Discuss the new release here. You can download it from the usual place, and report what breaks.',
      ),
      reply(
        'post even',
        'simple07',
        'The shared folders stopped mounting after the update on my machine, is that a known problem?',
      ),
      reply(
        'post odd',
        'ehasis',
        'Same here: the guest additions need reinstalling after the update, then the folders mount again.',
      ),
      reply(
        'post even',
        'multios',
        'Thanks, reinstalling the additions fixed it for me as well, the folders are back after a reboot.',
      ),
    ]
    const html = `<html><head><title>Discuss the release</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Discuss the release"}</script>
      </head><body><div id="page-body">
      <h2>Discuss the release</h2>${posts.join('')}</div></body></html>`
    const text = textOf(html)
    for (const words of [
      'usual place',
      'known problem',
      'need reinstalling',
      'back after a reboot',
    ])
      expect(text).toContain(words)
    // The forum's chrome around each post is not the discussion.
    for (const chrome of ['Joined', 'Quote', 'My computer']) expect(text).not.toContain(chrome)
  })

  it('reads a question page as its question followed by its answers', () => {
    const answer = (body: string): string =>
      `<div class="answer" itemprop="suggestedAnswer" itemscope itemtype="https://schema.org/Answer">
        <div class="votecell">12</div><div class="answercell"><p>${body}</p></div></div>`
    const html = `<html><head><title>Catering for a hundred guests</title></head>
      <body itemscope itemtype="https://schema.org/QAPage"><div id="mainbar">
      <div class="question-body" itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">
        <h1 itemprop="name">Catering for a hundred guests</h1>
        <div class="s-prose"><p>I am cooking for a wedding of a hundred guests next month. How much food should I plan per person, and how do I keep it warm between the kitchen and the tables?</p></div></div>
      <div id="answers">
        ${answer('Plan on half a pound of meat per guest and a little more of the sides; guests eat more at evening weddings than at lunch.')}
        ${answer('Rent chafing dishes: they keep food warm for hours, and hire someone to keep them filled while you look after the kitchen.')}
      </div></div></body></html>`
    const text = textOf(html)
    expect(text).toContain('How much food should I plan per person')
    expect(text).toContain('half a pound of meat')
    expect(text).toContain('Rent chafing dishes')
    expect(text.indexOf('How much food')).toBeLessThan(text.indexOf('half a pound'))
  })
})

describe('documentation', () => {
  it('keeps a section whose id, made from its heading, holds a layout word', () => {
    const html = `<html><head><title>Advanced usage</title></head><body>
      <div class="body" role="main"><h1>Advanced usage</h1>${para(5, 'sessions')}
      <section id="link-headers"><span id="id16"></span><h2>Link Headers¶</h2>
        <p>Many HTTP APIs feature link headers. They make APIs more self describing and discoverable, and clients can follow them to the next page of results.</p></section>
      ${para(4, 'proxies')}</div>
      <div id="comments"><h2>Comments</h2><p>Nice page, thanks for writing it up so clearly, it helped me with my project a lot.</p></div>
      </body></html>`
    const text = textOf(html)
    expect(text).toContain('Many HTTP APIs feature link headers')
    expect(text).toContain('Paragraph 4 about proxies')
  })

  it('keeps the id of a section that is a part of the layout', () => {
    const dom = new JSDOM(
      `<body><section id="comments"><h2>Comments</h2><p>x</p></section><section id="related-posts"><h2>Related posts</h2></section><section id="link-headers"><h2>Link headers</h2></section></body>`,
    )
    unhintHeadingIds(dom.window.document)
    expect(Array.from(dom.window.document.querySelectorAll('section')).map((s) => s.id)).toEqual([
      'comments',
      'related-posts',
      '',
    ])
  })
})
