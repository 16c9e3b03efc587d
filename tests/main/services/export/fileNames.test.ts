/**
 * Export file names: re-exporting must find the same file again, so names are pinned here;
 * they must open on every file system; and two articles must never share one.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { exportFileNames, slugOf } from '../../../../src/main/services/export/fileNames'
import { loadArticleLibrary } from '../../../../src/main/services/library/articleLibrary'
import { SEEDS } from '../../seedLibrary'

const hex = (id: string, length = 8): string =>
  createHash('sha256').update(id).digest('hex').slice(0, length)
const nameOf = (id: string, title: string): string =>
  exportFileNames([{ id, title }]).get(id) as string

/** Characters Windows refuses in a name, and ASCII control characters. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/
/** Device names Windows reserves, whatever the extension (superscript digits included). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i

const HOSTILE_TITLES = [
  'CON',
  'con',
  'Aux',
  'nul',
  'PRN',
  'COM1',
  'lpt9',
  'COM¹',
  'con.txt',
  'a<b>c:d"e/f\\g|h?i*j',
  'trailing dot.',
  'trailing space ',
  '...',
  '.hidden',
  ' ',
  '',
  '\u0000\u001f control',
  '../../etc/passwd',
  'C:\\Windows\\System32',
  'x'.repeat(500),
  'Ünïcödé Straße',
  'I ♥ NY & <you>',
]

describe('export file names', () => {
  it('are the slug of the title and the first 8 hex digits of the id’s SHA-256', () => {
    for (const [id, title] of [
      ['a', 'A title'],
      ['000_ba4c929e0bb2f9d7', 'Israel Remains Putin’s ‘Partner!’'],
    ])
      expect(nameOf(id as string, title as string)).toBe(
        `${slugOf(title as string)}-${hex(id as string)}.md`,
      )
  })

  it('are the same from one export (and one release) to the next', async () => {
    const library = await loadArticleLibrary(SEEDS)
    const names = exportFileNames(library.list())
    expect(Object.fromEntries(names)).toEqual({
      '000_ba4c929e0bb2f9d7': 'israel-remains-putins-partner-3047ebbc.md',
      '001_ab22bda9c27d4d3a':
        'netanyahu-and-putin-agree-to-expand-and-deepen-military-coor-a0beeff8.md',
      '002_dac4dfd4f164a684': 'broader-look-at-russia-israel-partnership-d43d5a56.md',
      '003_074f73b336730d63':
        'russia-israel-unconditional-allies-in-the-war-against-terror-bdfe337b.md',
      '004_02c1bed588b60a46': 'the-close-relations-between-putin-and-zionism-cfa73c59.md',
    })
    expect(exportFileNames(library.list())).toEqual(names)
    // An article's name does not depend on the other articles exported with it.
    for (const a of library.list()) expect(nameOf(a.id, a.title)).toBe(names.get(a.id))
    expect(exportFileNames([...library.list()].reverse())).toEqual(names)
  })

  it('transliterate non-Latin titles that have a transliteration', () => {
    expect(slugOf('Привет, мир!')).toBe('privet-mir')
    expect(slugOf('Ελληνικά')).toBe('ellinika')
    expect(slugOf('مرحبا بالعالم')).toBe('mrhba-balealm')
    expect(slugOf('Ünïcödé Straße')).toBe('uenicoede-strasse')
    expect(nameOf('ru', 'Путин и Израиль')).toBe(`putin-i-izrail-${hex('ru')}.md`)
  })

  it('fall back to "article" when nothing of the title can be kept', () => {
    // Emoji and punctuation have nothing to keep; the slugger has no Hebrew or CJK table.
    for (const title of ['😀🎉', '👩‍👩‍👧‍👦', '...', '', '   ', '—', 'שלום עולם', '東京の天気'])
      expect(slugOf(title), title).toBe('article')
    expect(nameOf('he', 'שלום עולם')).toBe(`article-${hex('he')}.md`)
  })

  it('are safe on Windows, macOS and Linux', () => {
    const names = exportFileNames(HOSTILE_TITLES.map((title, i) => ({ id: `t${i}`, title })))
    for (const [id, name] of names) {
      const title = HOSTILE_TITLES[Number(id.slice(1))]
      expect(name, title).toMatch(/^[a-z0-9][a-z0-9-]*-[0-9a-f]{8}\.md$/)
      expect(name).not.toMatch(FORBIDDEN)
      expect(name).not.toMatch(/[. ]$/)
      // Windows reserves a device name whatever follows its first dot.
      expect(name.split('.')[0]).not.toMatch(RESERVED)
      expect(name.length).toBeLessThanOrEqual(72)
    }
    for (const title of ['CON', 'con', 'Aux', 'nul', 'PRN', 'COM1', 'lpt9'])
      expect(slugOf(title), title).toBe('article')
    expect(slugOf('a<b>c:d"e/f\\g|h?i*j')).toBe('a-b-c-d-e-f-g-h-i-j')
    expect(slugOf('../../etc/passwd')).toBe('etc-passwd')
  })

  it('truncate long titles to a slug of at most 60 characters, without a dangling dash', () => {
    expect(slugOf('x'.repeat(500))).toBe('x'.repeat(60))
    // Cut at 60 on a dash ("word-" × 12 is 60 long): the dash goes.
    const words = slugOf('word '.repeat(30))
    expect(words).toBe(Array(12).fill('word').join('-'))
    for (const title of ['word '.repeat(30), 'Ab-'.repeat(100), 'long title '.repeat(40)]) {
      const slug = slugOf(title)
      expect(slug.length).toBeLessThanOrEqual(60)
      expect(slug).not.toMatch(/^-|-$|--/)
    }
  })

  it('never give two articles the same name, compared case-insensitively', () => {
    const articles = Array.from({ length: 2000 }, (_, i) => ({
      id: `same-${i}`,
      title: i % 2 ? 'The Same Title' : 'THE SAME title',
    }))
    const names = [...exportFileNames(articles).values()]
    expect(names).toHaveLength(articles.length)
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(articles.length)
  })

  it('lengthen the id part when two ids share their first 8 hex digits', () => {
    // Found by search: the SHA-256 of these two ids starts with the same 8 hex digits.
    const [a, b] = ['article-37653', 'article-59648']
    expect(hex(a)).toBe(hex(b))
    const names = exportFileNames([
      { id: a, title: 'Same' },
      { id: b, title: 'Same' },
      { id: 'other', title: 'Other' },
    ])
    expect(names.get(a)).toBe(`same-${hex(a, 16)}.md`)
    expect(names.get(b)).toBe(`same-${hex(b, 16)}.md`)
    expect(names.get(a)).not.toBe(names.get(b))
    // The clash is settled for the whole export, so the other article's name grows too.
    expect(names.get('other')).toBe(`other-${hex('other', 16)}.md`)
    // Different titles do not clash, whatever their ids.
    expect(
      exportFileNames([
        { id: a, title: 'One' },
        { id: b, title: 'Two' },
      ]).get(a),
    ).toBe(`one-${hex(a)}.md`)
  })
})
