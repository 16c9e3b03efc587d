import { describe, expect, it } from 'vitest'
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
