/**
 * Export file names: the article's title, as Obsidian shows it; re-exporting must find the
 * same file again, so names are pinned here; they must open on every file system and in an
 * Obsidian link; and two articles must never share one.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { exportFileNames, fileStemOf } from '../../../../src/main/services/export/fileNames'
import { loadArticleLibrary } from '../../../../src/main/services/library/articleLibrary'
import { SEEDS } from '../../seedLibrary'

const hex = (id: string, length = 8): string =>
  createHash('sha256').update(id).digest('hex').slice(0, length)
const nameOf = (id: string, title: string): string =>
  exportFileNames([{ id, title }]).get(id) as string

/** Characters Windows refuses, ASCII control characters, and what breaks Obsidian links. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*#^[\]\u0000-\u001f]/
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
  it('are the title itself when it is safe', () => {
    expect(nameOf('a', 'A title')).toBe('A title.md')
    expect(nameOf('ru', 'Путин и Израиль')).toBe('Путин и Израиль.md')
    expect(nameOf('he', 'שלום עולם')).toBe('שלום עולם.md')
    expect(nameOf('jp', '東京の天気')).toBe('東京の天気.md')
  })

  it('are the same from one export (and one release) to the next', async () => {
    const library = await loadArticleLibrary(SEEDS)
    const names = exportFileNames(library.list())
    expect(Object.fromEntries(names)).toEqual({
      '000_ba4c929e0bb2f9d7': 'Israel Remains Putin’s ‘Partner!’.md',
      '001_ab22bda9c27d4d3a':
        'Netanyahu and Putin agree to expand and deepen military coordination, engaged in a big battle.md',
      '002_dac4dfd4f164a684': 'Broader Look at Russia-Israel Partnership.md',
      '003_074f73b336730d63':
        'Russia-Israel unconditional allies in the war against terror Russian President Vladimir Putin.md',
      '004_02c1bed588b60a46': 'The Close Relations between Putin and Zionism.md',
    })
    expect(exportFileNames(library.list())).toEqual(names)
    // An article's name does not depend on the other articles exported with it.
    for (const a of library.list()) expect(nameOf(a.id, a.title)).toBe(names.get(a.id))
    expect(exportFileNames([...library.list()].reverse())).toEqual(names)
  })

  it('fall back to "Untitled" when nothing of the title can be kept', () => {
    for (const title of ['...', '', '   ', '\u200f', '???', '#^[]|'])
      expect(fileStemOf(title), title).toBe('Untitled')
  })

  it('are safe on Windows, macOS and Linux, and in Obsidian links', () => {
    const names = exportFileNames(HOSTILE_TITLES.map((title, i) => ({ id: `t${i}`, title })))
    for (const [, name] of names) {
      expect(name).toMatch(/\.md$/)
      expect(name).not.toMatch(FORBIDDEN)
      expect(name).not.toMatch(/^[. ]|[. ]\.md$/)
      // Windows reserves a device name whatever follows its first dot.
      expect(name.split('.')[0]).not.toMatch(RESERVED)
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200)
    }
    for (const title of ['CON', 'con', 'Aux', 'nul', 'PRN', 'COM1', 'lpt9', 'COM¹'])
      expect(fileStemOf(title), title).toBe(`_${title}`)
    expect(fileStemOf('con.txt')).toBe('_con.txt')
    expect(fileStemOf('a<b>c:d"e/f\\g|h?i*j')).toBe('a b c d e f g h i j')
    expect(fileStemOf('../../etc/passwd')).toBe('etc passwd')
    expect(fileStemOf('Why #hashtags [[fail]] ^here')).toBe('Why hashtags fail here')
    expect(fileStemOf('Ünïcödé Straße')).toBe('Ünïcödé Straße')
    // Composed, so macOS and Linux spell the name alike.
    expect(fileStemOf('e\u0301t\u00e9')).toBe('\u00e9t\u00e9')
  })

  it('truncate long titles at a word, within 100 characters and 180 bytes', () => {
    expect(fileStemOf('x'.repeat(500))).toBe('x'.repeat(100))
    expect(fileStemOf('word '.repeat(30))).toBe(Array(20).fill('word').join(' '))
    for (const title of [
      'word '.repeat(30),
      'Ab-'.repeat(100),
      'שלום עולם '.repeat(40),
      '😀'.repeat(80),
    ]) {
      const stem = fileStemOf(title)
      expect([...stem].length).toBeLessThanOrEqual(100)
      expect(Buffer.byteLength(stem)).toBeLessThanOrEqual(180)
      expect(stem).not.toMatch(/\s$/)
    }
  })

  it('add a hash only to tell apart names that clash, compared case-insensitively', () => {
    const names = exportFileNames([
      { id: 'b', title: 'The Same Title' },
      { id: 'a', title: 'THE SAME title' },
      { id: 'c', title: 'Other' },
    ])
    // The smallest id keeps the plain name, whatever the order given.
    expect(names.get('a')).toBe('THE SAME title.md')
    expect(names.get('b')).toBe(`The Same Title ${hex('b')}.md`)
    expect(names.get('c')).toBe('Other.md')
    const many = Array.from({ length: 2000 }, (_, i) => ({
      id: `same-${i}`,
      title: i % 2 ? 'The Same Title' : 'THE SAME title',
    }))
    const all = [...exportFileNames(many).values()]
    expect(new Set(all.map((n) => n.toLowerCase())).size).toBe(many.length)
  })

  it('lengthen the hash when two ids share their first 8 hex digits', () => {
    // Found by search: the SHA-256 of these two ids starts with the same 8 hex digits.
    const [a, b] = ['article-37653', 'article-59648']
    expect(hex(a)).toBe(hex(b))
    const names = exportFileNames([
      { id: 'article-0', title: 'Same' },
      { id: a, title: 'Same' },
      { id: b, title: 'Same' },
    ])
    expect(names.get('article-0')).toBe('Same.md')
    expect(names.get(a)).toBe(`Same ${hex(a)}.md`)
    expect(names.get(b)).toBe(`Same ${hex(b, 16)}.md`)
  })

  it('keep names already given, and steer clear of files already there', () => {
    const names = exportFileNames(
      [
        { id: 'a', title: 'Renamed since' },
        { id: 'b', title: 'Notes' },
      ],
      { keep: new Map([['a', 'Old title.md']]), taken: ['notes.MD', 'Old title.md'] },
    )
    expect(names.get('a')).toBe('Old title.md')
    expect(names.get('b')).toBe(`Notes ${hex('b')}.md`)
  })
})
