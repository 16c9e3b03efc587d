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
      prefix: 'bureauc',
      phrases: [['cold', 'war']],
    })
    expect(parseQuery('stalin ').prefix).toBeNull()
    expect(parseQuery('"cold war"').prefix).toBeNull()
  })
})
