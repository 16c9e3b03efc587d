/**
 * Lectern's own extraction rules, each on a small page built to need it. Direct calls (no
 * worker): these are rules, not limits.
 */
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import {
  findThread,
  openingOutside,
  threadHoldsArticle,
} from '../../../../../src/main/services/import/html/discussion'
import { unhintHeadingIds } from '../../../../../src/main/services/import/html/prepare'

import { para, textOf } from './pages'

describe('page preparation', () => {
  it('shows the parts a streaming page sends hidden for its scripts to move', () => {
    const html = `<html><head><title>Tuning queries</title></head><body>
      <nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>
      <template id="B:0"></template><p>Loading…</p>
      <div hidden id="S:0"><article><h1>Tuning queries</h1>${para(6, 'indexes')}</article></div>
      </body></html>`
    expect(textOf(html)).toContain('Paragraph 6 about indexes')
  })

  it('puts streamed parts in their placeholders, in place of the fallback', () => {
    // Parts numbered in hexadecimal; one boundary with its comments, one saved without, one
    // part of a part (`P:`); the article is whole only once every part is in its place.
    const html = `<html><head><title>Index funds</title></head><body>
      <nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>
      <article><h1>Index funds</h1>
        <!--$?--><template id="B:a"></template><div>Loading paragraph...</div><!--/$-->
        <template id="B:b"></template><div>Loading paragraph...</div>
        <template id="P:c"></template>
      </article>
      <aside><p>Our newsletter: market news every morning, sent to your inbox, free of charge for every reader who signs up today.</p></aside>
      <div hidden id="S:a">${para(3, 'index funds')}</div>
      <div hidden id="S:b">${para(3, 'expense ratios')}</div>
      <div hidden id="S:c">${para(3, 'brokers')}</div>
      </body></html>`
    const text = textOf(html)
    expect(text).toContain('Paragraph 3 about index funds')
    expect(text).toContain('Paragraph 3 about expense ratios')
    expect(text).toContain('Paragraph 3 about brokers')
    expect(text).not.toContain('Loading paragraph')
  })

  it('keeps an article whose layout classes name a sidebar', () => {
    const html = `<html><head><title>Renting a car</title></head><body>
      <div class="disclosure"><p>Some offers on this site come from partners who pay us, which may change where and how products appear on the page.</p></div>
      <main><article class="template template-with-sidebar"><div class="article"><div class="articleContent">
        ${para(8, 'renting a car')}</div></div>
        <aside class="sidebar"><a href="/a">Best cards</a></aside></article></main></body></html>`
    expect(textOf(html)).toContain('Paragraph 8 about renting a car')
  })

  it('keeps headings and code whose classes only say how they are drawn', () => {
    // Utility CSS: `scroll-mt-20` (jump offset) and `overflow-x-scroll` (a scrolling box).
    const html = `<html><head><title>Networking</title></head><body>
      <article><h1>Networking</h1>${para(3, 'networks')}
        <h2 class="scroll-mt-20 flex items-center">Link containers</h2>${para(3, 'links')}
        <div class="mt-2 overflow-x-scroll scroll-mt-2 rounded"><pre><code>services:
  web:
    build: .</code></pre></div>${para(2, 'aliases')}
      </article></body></html>`
    const text = textOf(html)
    expect(text).toContain('Link containers')
    expect(text).toContain('build: .')
  })

  it('leaves out a popup when the root element names a layout state', () => {
    const html = `<html class="light sidebar-visible"><head><title>Introduction</title></head><body>
      <div id="help-container"><div id="help-popup"><h2>Keyboard shortcuts</h2>
        <div><p>Press S to search in the book</p><p>Press Esc to hide this help</p></div></div></div>
      <div id="body-container"><nav id="sidebar"><a href="/a">Chapter 1</a> <a href="/b">Chapter 2</a></nav>
        <div class="page"><main><h1>Introduction</h1>${para(6, 'the book')}</main></div></div>
      </body></html>`
    const text = textOf(html)
    expect(text).toContain('Paragraph 6 about the book')
    expect(text).not.toContain('Keyboard shortcuts')
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

describe('discussions: finding the posts', () => {
  const ld = (type: string): string =>
    `<script type="application/ld+json">{"@context":"https://schema.org","@type":"${type}","headline":"Working in a nursery"}</script>`

  it('reads a declared discussion whose posts have generated class names', () => {
    const post = (name: string, body: string): string =>
      `<div><div class="sc-ksPmiX kKPaZQ"><div class="sc-jQbJRc">${name}</div>
        <div class="sc-fcmNWj">28/11/2025 at 7:16 pm</div><div class="sc-tYqdw"><p>${body}</p></div></div></div>`
    const html = `<html><head><title>Working in a nursery</title>${ld('DiscussionForumPosting')}</head><body>
      <div class="sc-aXZVg"><a href="/">Home</a> <a href="/chat">Chat</a></div>
      <div class="sc-gEvEer">
        ${post('Mod Sharon', 'If you have ever thought about working in a nursery, what would make you consider it, and what would put you off?')}
        ${post('Judith', 'I worked a short time as a teaching assistant and left for a supermarket job: much less stress and more money each week.')}
        ${post('Paula', 'The pay is the problem for me: the training takes years and the wages never catch up with the responsibility you carry.')}
        ${post('Kim', 'Flexible hours would make me consider it, as long as the training could be done in paid time rather than at weekends.')}
      </div></body></html>`
    const text = textOf(html)
    for (const words of [
      'what would put you off',
      'supermarket job',
      'wages never catch up',
      'paid time',
    ])
      expect(text).toContain(words)
  })

  it('takes like containers without post names for posts only when asked, and not a page layout', () => {
    const card = (body: string): string => `<div><p>${body}</p></div>`
    const cards = ['bread', 'cake', 'pies'].map((t) =>
      card(`A post about ${t} that is long enough to count as a post of some forty characters.`),
    )
    const dom = new JSDOM(`<body><div class="x1">${cards.join('')}</div></body>`)
    expect(findThread(dom.window.document.body)).toBeUndefined()
    expect(findThread(dom.window.document.body, true)?.posts).toHaveLength(3)
    // A header, a main part and a footer are like containers too; the main part dominates.
    const layout = new JSDOM(
      `<body><div><p>Site header with a tagline that runs to forty characters.</p></div>
      <div>${para(6, 'the article')}</div><div><p>Site footer with an address that runs to forty characters.</p></div></body>`,
    )
    expect(findThread(layout.window.document.body, true)).toBeUndefined()
  })

  it('measures a thread against the text Readability chose without counting its indentation', () => {
    const post = (n: number): string =>
      `\n\t\t\t<div class="post">\n\t\t\t\t<div class="author">user${n}</div>\n\t\t\t\t\t\t<div class="content">Post ${n} says something about the release and the network trouble after it, with a few words more so that it counts as a post.</div>\n\t\t\t</div>`
    const dom = new JSDOM(`<body>${[1, 2, 3, 4].map(post).join('')}</body>`)
    const thread = findThread(dom.window.document.body)
    expect(thread?.posts).toHaveLength(4)
    // Readability's pick: two of the four posts, with the page's tabs and new lines.
    const picked = Array.from(dom.window.document.querySelectorAll('.post'))
      .slice(0, 2)
      .map((p) => p.textContent)
      .join('\n\t\t\t\t\t\t'.repeat(200))
    expect(threadHoldsArticle(thread!, picked)).toBe(true)
  })

  it('keeps an opening post that is longer than its replies', () => {
    const comment = (body: string): string =>
      `<li class="Item ItemComment" id="Comment_${body.length}"><div class="Author">reader</div><div class="Message">${body}</div></li>`
    const html = `<html><head><title>The project ends</title>${ld('DiscussionForumPosting')}</head><body>
      <div class="Discussion"><h1>The project ends</h1><div class="Message">${para(8, 'the end of the open source edition')}</div></div>
      <ul class="Comments">
        ${comment('Sad news, but thanks for all the years of work on it, it served us well for a long time, on three sites.')}
        ${comment('Is there a fork anyone is planning? We would be glad to help with the hosting of one, and with its tests.')}
        ${comment('We moved to another forum last year already; the export of the old posts took a weekend.')}
      </ul></body></html>`
    const text = textOf(html)
    expect(text).toContain('Paragraph 8 about the end of the open source edition')
    expect(text).toContain('Sad news')
    expect(text).toContain('a fork anyone is planning')
  })
})

describe('discussions: the run of posts', () => {
  const ld = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Fighting the last boss"}</script>`
  const message = (extra: string, name: string, n: number, body: string): string =>
    `<article class="message ${extra} message--post js-post" data-author="${name}">
      <div class="message-user"><h4 class="message-name">${name}</h4>
        <div class="message-userExtras"><dl><dt>Joined</dt><dd>Oct 25, 2017</dd></dl></div></div>
      <div class="message-main"><ul class="message-attribution"><li>#${n}</li></ul>
        <div class="message-content"><div class="bbWrapper">${body}</div></div></div></article>`

  it('takes the opening post, which the forum marks with a class of its own, into the run', () => {
    const html = `<html><head><title>Fighting the last boss</title>${ld}</head><body>
      <div class="p-body-header"><p>Thread starter Tissue Start date Mar 27, 2025</p></div>
      <div class="block-body">
        ${message('message-threadStarterPost', 'Tissue', 1, 'You and your friends have been chosen to stop the destroyer of worlds. What is your plan, and who of you carries the bottle rockets to the last fight?')}
        ${message('', 'Polter', 2, 'Do I unlock psychic powers on the journey? Because if not then I would rather leave the planet to its fate, to be honest with you.')}
        ${message('', 'Bass', 3, 'I cannot comprehend the form of this attack, and neither can anyone in my group of friends, who are all asleep by ten.')}
      </div>
      <footer><p>The content we make available on this website was created and arranged by us, using our own methods and judgment, and it may not be copied.</p></footer>
      </body></html>`
    const text = textOf(html)
    expect(text).toContain('You and your friends have been chosen')
    expect(text).toContain('psychic powers')
    // Once each: the posts are not repeated after an opening taken from the page around them.
    expect(text.split('You and your friends').length).toBe(2)
    expect(text).not.toContain('Oct 25, 2017')
  })

  it('reads post names written in camel case', () => {
    const item = (body: string): string =>
      `<div class="contentBackground1 postItem"><div class="postInfo"><a href="/u">Travis</a></div><div class="postBody">${body}</div></div>`
    const dom = new JSDOM(
      `<body><div class="section">${[
        'So, what is life really like in a tiny house? For the past year, we have found out, all six of us.',
        'So how tiny is tiny? How many square feet are we talking about, and where do the children sleep?',
      ]
        .map(item)
        .join('')}</div></body>`,
    )
    expect(findThread(dom.window.document.body)?.posts).toHaveLength(2)
  })

  it("reads the posts when Readability picks the side column's rules", () => {
    const rule =
      'Be civil, be kind, stay on topic, cite, no memes, no spam, no reposts, no ads, no bias, no attacks, ever.'
    const comment = (body: string): string =>
      `<div class="thing comment"><p class="tagline"><a href="/u">user</a> 15 hours ago</p><div class="md">${body}</div></div>`
    const html = `<html><head><title>Hair follicles grown in a lab</title></head><body>
      <div class="side"><div class="titlebox"><h2>Submission rules</h2>${[1, 2, 3].map((n) => `<p>Rule ${n}. ${rule}</p>`).join('')}</div></div>
      <div class="content"><div class="sitetable">
        ${comment('Oh I dream of a day when there is silence and not this ringing in my ears all day long and all night too so that I can finally sleep again without the fan on')}
        ${comment('Those are very different types of cells but still this is a good first step for the research and I hope they publish the next part soon enough for us')}
        ${comment('I think it is really nice that the top comment is about restoring hearing and not hair because that says a lot about what people really care about here')}
        ${comment('My grandfather lost his hearing in the war and I wonder what this would have meant for him and for all the other people in the family who lost theirs too')}
      </div></div></body></html>`
    const text = textOf(html)
    expect(text).toContain('ringing in my ears')
    expect(text).toContain('restoring hearing')
    expect(text).not.toContain('Be civil')
  })

  it('takes a pick that holds a post, with chrome and a footer around it, for no opening', () => {
    const dom = new JSDOM(
      `<body><div class="posts">${[
        'You and your friends have been chosen to stop the destroyer of worlds. What is your plan, and who of you carries the rockets?',
        'Do I unlock psychic powers on the journey? Because if not then I would rather leave the planet to its fate, to be honest.',
        'I cannot comprehend the form of this attack, and neither can anyone in my group of friends, who are all asleep by ten.',
      ]
        .map((b) => `<div class="post"><div class="author">someone</div><p>${b}</p></div>`)
        .join('')}</div></body>`,
    )
    const thread = findThread(dom.window.document.body)!
    const footer = Array.from(
      { length: 12 },
      (_, i) =>
        `Clause ${i} of the terms: the content we make available here was created and arranged by us.`,
    ).join(' ')
    const picked = `Thread starter Tissue Start date Mar 27, 2025 #1 ${thread.posts[0]!.querySelector('p')!.textContent} ${footer}`
    expect(openingOutside(thread, picked)).toBe(false)
    expect(openingOutside(thread, `An opening post that the thread leaves out. ${footer}`)).toBe(
      true,
    )
  })

  it('takes no run of like sections from a dialog the page hides until a click', () => {
    const section = (name: string): string =>
      `<div class="ot-accordion-layout ot-cat-item"><h4>${name}</h4><p>These cookies are used for ${name.toLowerCase()}, and they are set by us or by the partners we work with on this site.</p></div>`
    const dom = new JSDOM(
      `<body><div id="consent-sdk" class="ot-pc ot-hide"><section class="ot-cat-grp">${['Performance', 'Functional', 'Targeting', 'Social media'].map(section).join('')}</section></div><div class="board"><p>One message.</p></div></body>`,
    )
    expect(findThread(dom.window.document.body, true)).toBeUndefined()
    dom.window.document.querySelector('#consent-sdk')?.setAttribute('class', 'ot-pc')
    expect(findThread(dom.window.document.body, true)?.posts).toHaveLength(4)
  })

  it("keeps a post's body when a class hides only its label", () => {
    const comment = (body: string): string =>
      `<article class="js-comment comment-layer"><div class="author">Prospect in PE</div>
        <div class="comment-content"><div class="formatted-text field field--label-hidden">${body}</div></div></article>`
    const html = `<html><head><title>Is consulting worth it</title>${ld}</head><body>
      <div class="thread"><p>Dear all, I am doing my bachelor in IT and have an offer from a consultancy; is the work worth the hours it takes from the rest of a life?</p></div>
      <section class="comment-wrapper">
        ${comment('I went from banking to a strategy firm and it was one of the best decisions of my life, hours included.')}
        ${comment('As a first year at a large firm I would say it is not the worst place to get some experience.')}
      </section></body></html>`
    const text = textOf(html)
    expect(text).toContain('best decisions of my life')
    expect(text).toContain('not the worst place')
  })
})

describe('discussions: what a post leaves out', () => {
  it('leaves out the comments under a question and under its answers', () => {
    const comment = (body: string): string =>
      `<li class="comment" itemprop="comment" itemscope itemtype="https://schema.org/Comment"><span>${body}</span> <a href="/u/1">joe</a> commented Feb 12, 2011</li>`
    const answer = (body: string, note: string): string =>
      `<div class="answer" itemscope itemtype="https://schema.org/Answer"><div class="answercell"><p>${body}</p></div>
        <ul class="comments-list">${comment(note)}</ul></div>`
    const html = `<html><head><title>Catering for a hundred guests</title></head>
      <body itemscope itemtype="https://schema.org/QAPage"><div id="mainbar">
      <div class="question" itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">
        <h1 itemprop="name">Catering for a hundred guests</h1>
        <div class="s-prose"><p>I am cooking for a wedding of a hundred guests next month. How much food should I plan per person, and how do I keep it warm?</p></div>
        <ul class="comments-list">${comment('Is the venue far from your kitchen?')}</ul></div>
      <div id="answers">
        ${answer('Plan on half a pound of meat per guest and a little more of the sides; guests eat more at evening weddings.', 'And for the paranoid: a fire extinguisher.')}
        ${answer('Rent chafing dishes: they keep food warm for hours, and hire someone to keep them filled.', 'Have backups and check again.')}
      </div></div></body></html>`
    const text = textOf(html)
    expect(text).toContain('How much food should I plan')
    expect(text).toContain('half a pound of meat')
    expect(text).toContain('Rent chafing dishes')
    for (const note of ['venue far from', 'fire extinguisher', 'Have backups'])
      expect(text).not.toContain(note)
  })

  it("leaves out the forum's lines in a post: counts, buttons and the poster's statistics", () => {
    const post = (name: string, n: number, body: string): string =>
      `<div class="post"><div class="postauthor"><b>${name}</b><p>Posts: 673</p><p>Registered: 2016-07-02</p></div>
        <p>#${n}</p><div class="postbody"><p>${body}</p><blockquote><p>Quoted words of an earlier post.</p><p>Click to expand...</p></blockquote></div>
        <p>12</p><p>Reply with quote</p><p>Upvote</p><p>R</p></div>`
    const html = `<html><head><title>First lathe</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"First lathe"}</script>
      </head><body><div class="posts">
      ${post('Fitz', 1, 'Thirty years ago, while recovering from a crash, I made a few toys for my children on a borrowed lathe.')}
      ${post('Ann', 2, 'I started in high school woodshop classes, and then kept going with a small table saw in the garage.')}
      </div></body></html>`
    const text = textOf(html)
    expect(text).toContain('borrowed lathe')
    expect(text).toContain('Quoted words of an earlier post')
    for (const chrome of [
      'Posts: 673',
      'Registered',
      '#1',
      'Click to expand',
      'Reply with',
      'Upvote',
    ])
      expect(text).not.toContain(chrome)
    expect(text.split('\n')).not.toContain('12')
    expect(text.split('\n')).not.toContain('R')
  })

  const ld = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Football season thread"}</script>`

  it('leaves out the chrome of posts when Readability picks the whole thread', () => {
    const post = (name: string, body: string): string =>
      `<div class="post bg2"><div class="postbody"><p class="author">by ${name}</p><div class="content">${body}</div></div>
        <dl class="postprofile"><dt>${name}</dt><dd>Technical Moderator</dd><dd><strong>Posts:</strong> 65703</dd><dd><strong>Founded:</strong> Antiquity</dd></dl>
        <div class="signature">Dark theme users will not see this line, my friends.</div></div>`
    const body = (topic: string): string =>
      `The ${topic} season is one of the wildest in football history, with so many small clubs qualifying, and chaos, and a new format for the cups this year.`
    const html = `<html><head><title>Football season thread</title></head><body><div id="page-body">
      ${['league', 'cup', 'women', 'futsal'].map((t, i) => post(`user${i}`, body(t))).join('')}
      </div></body></html>`
    for (const page of [html, html.replace('</title>', `</title>${ld}`)]) {
      // Read as a thread or as Readability's pick, the same posts without the same chrome.
      const text = textOf(page)
      for (const t of ['league', 'cup', 'women', 'futsal'])
        expect(text).toContain(`The ${t} season`)
      for (const chrome of ['Technical Moderator', 'Antiquity', 'Dark theme users'])
        expect(text).not.toContain(chrome)
    }
  })

  it("leaves out a post's asides (the poster's column, a link's card) but not a quote", () => {
    const post = (name: string, body: string): string =>
      `<article class="entry entry--post"><aside class="entry__author-column"><h3>${name}</h3>
        <div class="entry__group">Members</div><ul><li>Location: Lisbon, Portugal</li></ul></aside>
        <div class="entry__content"><aside class="quote"><div class="title">trejoa:</div><blockquote><p>Which tools do I need for front-end work?</p></blockquote></aside>
        <p>${body}</p><aside class="onebox"><header>github.com/make-all/tuya-local</header><p>opened 12:59AM - 02 May 24 UTC</p></aside></div></article>`
    const html = `<html><head><title>AI discussion</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"AI discussion"}</script>
      </head><body><div class="topic">
      ${post('JGD', 'It depends on the mix and main focus of the apps and their tools, I guess, and on the client as well.')}
      ${post('Ann', 'On-device tools using your own content are fine with me; crowd-sourced models are another matter.')}
      </div></body></html>`
    const text = textOf(html)
    expect(text).toContain('main focus of the apps')
    expect(text).toContain('Which tools do I need')
    for (const chrome of ['Members', 'Lisbon', 'opened 12:59AM']) expect(text).not.toContain(chrome)
  })

  it('leaves out what a post hides until a click, not what it hides on small screens only', () => {
    const post = (name: string, body: string): string =>
      `<article class="post"><h3 class="author">${name}</h3>
        <div class="ipsMenu ipsHide"><h5>Motherboard</h5><div>A board with far too many fans on it</div></div>
        <span aria-hidden="true">icon</span><div hidden>Edit form</div>
        <div class="content"><p>${body}</p><p class="hidden-xs">Shown on wide screens.</p><p class="hidden md:block">Desktop note.</p></div></article>`
    const html = `<html><head><title>A new case</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"A new case"}</script>
      </head><body><div class="topic">
      ${post('Rabbids', 'Does anyone know what these two holes in the case are for? The manual says nothing about them.')}
      ${post('DevBiker', 'I heard the rear one is for an external connection of the lighting devices, but nobody confirmed.')}
      </div></body></html>`
    const text = textOf(html)
    expect(text).toContain('two holes in the case')
    expect(text).toContain('external connection')
    for (const hidden of ['too many fans', 'icon', 'Edit form']) expect(text).not.toContain(hidden)
    expect(text).toContain('Shown on wide screens')
    expect(text).toContain('Desktop note')
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

  it('keeps the introduction that a page sets under its headline, apart from the body', () => {
    const html = `<html><head><title>Using promises</title></head><body>
      <header class="site"><a href="/">Docs</a></header>
      <main id="content"><div class="layout__header"><h1>Using promises</h1>
        <section><p>A promise is an object representing the eventual completion or failure of an asynchronous operation, and this guide explains how to use them.</p></section></div>
        <aside class="toc"><h2>In this article</h2><ul><li><a href="#chaining">Chaining</a></li></ul></aside>
        <div class="layout__body"><section><h2 id="chaining">Chaining</h2>${para(8, 'chaining promises')}</section></div>
      </main></body></html>`
    const text = textOf(html)
    expect(text).toContain('A promise is an object representing')
    expect(text.indexOf('A promise is an object')).toBeLessThan(text.indexOf('Paragraph 1 about'))
    expect(text.split('A promise is an object').length).toBe(2)
  })

  it('keeps every section of a document in sections of one kind, not only the longest', () => {
    const sect = (name: string, n: number): string =>
      `<div class="sect1"><h2 id="_${name}">${name}</h2><div class="sectionbody"><div class="dlist"><dl><dd><div class="paragraph">${para(n, name.toLowerCase())}</div></dd></dl></div></div></div>`
    const html = `<html><head><title>git-commit</title></head><body>
      <div id="nav"><ul><li><a href="/docs">Reference</a></li><li><a href="/book">Book</a></li></ul></div>
      <div id="main">${sect('DESCRIPTION', 2)}${sect('OPTIONS', 20)}${sect('EXAMPLES', 2)}${sect('DISCUSSION', 2)}</div>
      </body></html>`
    const text = textOf(html)
    for (const part of ['description', 'options', 'examples', 'discussion'])
      expect(text).toContain(`Paragraph 1 about ${part}`)
    expect(text).not.toContain('Reference')
  })
})
