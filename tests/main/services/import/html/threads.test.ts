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
})
