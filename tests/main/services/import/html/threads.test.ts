/**
 * Threads as forums mark them up: runs of posts, what a post repeats from the posts above it,
 * and dates written twice. Direct calls (no worker): these are rules, not limits.
 */
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { findThread } from '../../../../../src/main/services/import/html/discussion'
import { extractHtml } from '../../../../../src/main/services/import/html/extractHtml'
import { blocksToText } from '../../../../../src/main/services/import/types'

const textOf = (html: string): string => blocksToText(extractHtml({ html }).blocks)

const declared = (title: string): string =>
  `<title>${title}</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"${title}"}</script>`

describe('threads', () => {
  it('takes a run of posts whose first post a class calls hidden (its score is)', () => {
    const comment = (extra: string, body: string): string =>
      `<div class="thing comment ${extra}"><p class="tagline">user 12 points</p><div class="md"><p>${body}</p></div></div>`
    const dom = new JSDOM(
      `<body><div class="listing">${comment('stickied score-hidden', 'A moderator note that the rules of the board apply to this discussion too.')}${comment('', 'Might this also help the inner ear grow back the cells that it lost with age?')}${comment('', 'Very different cells, but something like that could probably work in time.')}</div></body>`,
    )
    expect(findThread(dom.window.document.body)?.posts).toHaveLength(3)
  })

  it('leaves out the text a reply repeats from a post above it, not a short quote', () => {
    const opening =
      'Which version of the toolkit will the next release of the distribution ship, and has anybody tried the beta yet?'
    const post = (name: string, body: string): string =>
      `<li class="post"><div class="author">${name}</div><div class="content">${body}</div></li>`
    const html = `<html><head><title>Which toolkit version</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Which toolkit version"}</script>
      </head><body><ul class="posts">
      ${post('Jon', `<p>${opening}</p>`)}
      ${post('Pat', `<div class="parent-preview"><p>${opening}</p></div><p>I run the beta: it ships the long-term support version, as far as I can tell from the package list.</p>`)}
      ${post('Kim', '<blockquote>has anybody tried</blockquote><p>Not me, but the release notes of the distribution say the same thing about the toolkit.</p>')}
      </ul></body></html>`
    const text = textOf(html)
    expect(text.split('has anybody tried the beta')).toHaveLength(2)
    expect(text).toContain('I run the beta')
    expect(text).toContain('release notes')
    // A quote of a few words is the reply's own way of answering.
    expect(text.toLowerCase().split('has anybody tried')).toHaveLength(3)
  })

  it('keeps the long form of a date a post writes twice, long and short', () => {
    const post = (name: string, body: string): string =>
      `<article class="post"><div class="author">${name}</div><div class="date"><time datetime="2024-04-02T05:03:15Z"><span class="ipsTime__long">April 2, 2024</span><span class="ipsTime__short">1 yr</span></time></div><div class="content"><p>${body}</p></div></article>`
    const html = `<html><head>${declared('AI discussion')}</head><body><div class="topic">
      ${post('JGD', 'It depends on the mix and main focus of the apps and their tools, I guess, and on the client.')}
      ${post('Ann', 'On-device tools using your own content are fine with me; crowd-sourced models are another matter.')}
      </div></body></html>`
    const text = textOf(html)
    expect(text).toContain('April 2, 2024')
    expect(text).not.toContain('1 yr')
  })

  it('takes the member a forum labels as the thread starter, not a badge on a post', () => {
    const post = (name: string, badge: string, body: string): string =>
      `<article class="message"><div class="message-user"><a class="username" href="/members/${name}">${name}</a>${badge}</div><div class="content"><p>${body}</p></div></article>`
    const html = `<html><head><title>Which bench</title></head><body>
      <div class="p-description"><span class="u-srOnly">Thread starter</span> <a class="username" href="/members/sean_g">sean_g</a></div>
      <div class="posts">
      ${post('Packard', '', 'A reply above the opening post, as the page is sorted: start with a simple bench and learn the joints.')}
      ${post('sean_g', '<span>Discussion starter</span><span>410 posts</span>', 'Which projects teach the fundamentals of woodworking best, for a beginner with a few hand tools?')}
      </div></body></html>`
    expect(extractHtml({ html }).author).toBe('sean_g')
    const badgeOnly = html.replace(
      '<span class="u-srOnly">Thread starter</span> <a class="username" href="/members/sean_g">sean_g</a>',
      '',
    )
    expect(extractHtml({ html: badgeOnly }).author).not.toBe('410 posts')
  })

  it('reads who started a thread from a `Started by` line', () => {
    const html = `<html><head><title>AI in forums</title></head><body><h2>AI in forums</h2>
      <p>Started by Biology Forums, June 04, 2024, 11:23:55 AM</p>
      <div class="post"><p>How is everyone implementing AI into their forums, and what did your members think of it?</p></div>
      </body></html>`
    expect(extractHtml({ html }).author).toBe('Biology Forums')
  })

  it('takes the thread’s author from its metadata over the first post found', () => {
    const post = (name: string, body: string): string =>
      `<li class="post"><div class="author">${name}</div><div class="content"><p>${body}</p></div></li>`
    const html = `<html><head><title>Open source</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Open source","author":{"@type":"Person","name":"Linc"}}</script>
      </head><body><ul class="posts">
      ${post('K17', 'A reply first in the list, as this forum sets the opening post apart from the replies below it.')}
      ${post('Pat', 'Another reply: the project goes on under a new name, and the old repository is archived for good.')}
      ${post('Kim', 'And a third: the licence of the code already released stays as it was, whatever happens next.')}
      </ul></body></html>`
    expect(extractHtml({ html }).author).toBe('Linc')
  })
})
