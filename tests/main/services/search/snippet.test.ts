import { describe, expect, it } from 'vitest'
import { tokenize } from '../../../../src/main/services/search/analyzer'
import { parseQuery } from '../../../../src/main/services/search/parseQuery'
import {
  escapeHtml,
  makeSnippet,
  SNIPPET_CHARS,
  snippetHtml,
} from '../../../../src/main/services/search/snippet'

describe('snippets', () => {
  it('centres a long paragraph on its matches and cuts at word boundaries', () => {
    const text = `${'lorem ipsum '.repeat(40)}the needle is here ${'dolor sit '.repeat(40)}`
    const { snippet, marks } = makeSnippet(text, new Set(['needl']), parseQuery('needle '))
    expect(snippet.startsWith('…')).toBe(true)
    expect(snippet.endsWith('…')).toBe(true)
    expect(snippet.length).toBeLessThanOrEqual(SNIPPET_CHARS + 2)
    expect(marks.map(([s, e]) => snippet.slice(s, e))).toEqual(['needle'])
  })

  it('marks a compound whole when it matched whole, and never overlaps marks', () => {
    const text = 'The Il-20 and the F-16s; il 20 apart.'
    const { snippet, marks } = makeSnippet(
      text,
      new Set(['il20', 'il', '20']),
      parseQuery('il-20 '),
    )
    expect(marks.map(([s, e]) => snippet.slice(s, e))).toEqual(['Il-20', 'il', '20'])
  })

  it('starts at the window holding the most matches, the first of equals', () => {
    const random = (() => {
      let a = 5
      return () => (a = (a * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    })()
    const words = ['needle', 'hay', 'straw', 'needles', 'of', 'the', 'barn']
    for (let t = 0; t < 200; t++) {
      const text = Array.from(
        { length: 20 + Math.floor(random() * 150) },
        () => words[Math.floor(random() * words.length)],
      ).join(random() < 0.5 ? ' ' : '  ')
      const { snippet } = makeSnippet(text, new Set(['needl']), parseQuery('needle '))
      // Every window that starts a little before a match, counted match by match.
      const hits = tokenize(text).filter((h) => h.term === 'needl')
      let best = -1
      let from = 0
      for (const h of hits) {
        const start = Math.max(0, h.start - 40)
        const count = hits.filter((o) => o.start >= start && o.end <= start + SNIPPET_CHARS).length
        if (count > best) [best, from] = [count, start]
      }
      if (text.length <= SNIPPET_CHARS || !hits.length) from = 0
      const shown = snippet.replace(/^…/, '').replace(/…$/, '')
      expect(text.indexOf(shown, Math.max(0, from - 1)), text).toBeGreaterThanOrEqual(from)
      expect(text.indexOf(shown, Math.max(0, from - 1)), text).toBeLessThan(from + 40)
    }
  })

  it('makes a snippet in time linear in its matches', () => {
    const timed = (matches: number): number => {
      const text = 'needle hay '.repeat(matches)
      let best = Infinity
      for (let i = 0; i < 3; i++) {
        const start = performance.now()
        makeSnippet(text, new Set(['needl']), parseQuery('needle '))
        best = Math.min(best, performance.now() - start)
      }
      return best
    }
    timed(500)
    // Ten times the matches: about ten times the work, not a hundred.
    expect(timed(5000) / Math.max(timed(500), 0.05)).toBeLessThan(40)
  })

  it('escapes HTML before adding marks', () => {
    const text = '<img src=x onerror=alert(1)> & "quotes" with needle <b>bold</b>'
    const html = snippetHtml(makeSnippet(text, new Set(['needl']), parseQuery('needle ')))
    expect(html).toBe(
      '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; with <mark>needle</mark> &lt;b&gt;bold&lt;/b&gt;',
    )
    expect(escapeHtml(`'`)).toBe('&#39;')
  })
})

describe('parseQuery', () => {
  it('splits terms, phrases and the prefix being typed', () => {
    expect(parseQuery('"cold war" stalin bureauc')).toEqual({
      terms: ['cold', 'war', 'stalin', 'bureauc'],
      wholes: [],
      prefix: 'bureauc',
      compoundPrefix: false,
      phrases: [['cold', 'war']],
    })
    expect(parseQuery('the Il-20 plane')).toMatchObject({
      terms: ['il', '20', 'plane'],
      wholes: ['il20'],
      prefix: 'plane',
    })
    expect(parseQuery('shot down il-2')).toMatchObject({ prefix: 'il2', compoundPrefix: true })
    expect(parseQuery('stalin ').prefix).toBeNull()
    expect(parseQuery('"cold war"').prefix).toBeNull()
  })
})
