/**
 * Random input thrown at the parser, the search, the handlers' write path and the Markdown
 * export: nothing may throw past a handler, the data file must stay valid, the export must
 * read back, and the invariants must hold.
 */
import fc from 'fast-check'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/dispatch'
import { openLectern, type Lectern } from '../../src/main/lectern'
import { parseArticle } from '../../src/main/services/library/parseArticle'
import { parseStoreData } from '../../src/main/services/store/schema'
import { obsidianTags } from '../../src/main/services/export/obsidianTags'
import { articleMarkdown } from '../../src/main/services/export/toMarkdown'
import { callNames } from '../../src/shared/contract'
import { DEFAULT_PALETTE, type Note, type PlacedBookmark } from '../../src/shared/types'
import { isObsidianTag, obsidianBlocks, readExport, textOf } from './services/export/readExport'

/** Text with the characters that trouble parsers: markup, controls, RTL, emoji, line ends. */
const nastyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({
    unit: fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      '#',
      '*',
      '_',
      '`',
      '|',
      '[',
      ']',
      '(',
      ')',
      '\\',
      '-',
      '\n',
      '\r\n',
      ' ',
      '\t',
      'א',
      'ب',
      '😀',
      '\u200f',
      '\u0000',
      'é',
      'e\u0301',
      'x',
    ),
    maxLength: 300,
  }),
  fc.lorem({ maxCount: 40 }),
)

describe('parseArticle on random text', () => {
  it('never throws and always gives clean paragraphs', () => {
    fc.assert(
      fc.property(fc.array(nastyText, { maxLength: 12 }), (parts) => {
        const a = parseArticle('fuzz', parts.join(parts.length % 2 ? '\n\n' : '\n'))
        expect(a.title.length).toBeGreaterThan(0)
        expect(a.words).toBeGreaterThanOrEqual(0)
        for (const p of a.paragraphs) {
          expect(p).toBe(p.trim())
          expect(p.length).toBeGreaterThan(0)
          expect(p).not.toContain('\n')
        }
        for (const h of a.headings) expect(a.paragraphs[h]).toBeDefined()
        if (a.date) expect(a.date).toMatch(/^\d{4}-\d\d-\d\d$/)
      }),
      { numRuns: 300 },
    )
  })
})

describe('the handlers under random calls', () => {
  let lectern: Lectern
  let dataDir: string
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lectern-fuzz-'))
    lectern = await openLectern({
      seedsDir: join(import.meta.dirname, '../../seeds'),
      dataDir,
      version: 'fuzz',
    })
  })
  afterAll(() => lectern.close())

  it('search answers any query with well-formed, ranked hits', async () => {
    await fc.assert(
      fc.asyncProperty(nastyText, fc.integer({ min: 1, max: 60 }), async (query, limit) => {
        const reply = await dispatch(lectern.handlers, 'search', { query, limit })
        expect(reply.ok).toBe(true)
        if (!reply.ok) return
        const { hits } = reply.value as {
          hits: { score: number; snippet: string; marks: [number, number][] }[]
        }
        expect(hits.length).toBeLessThanOrEqual(limit)
        for (let i = 1; i < hits.length; i++)
          expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score)
        for (const h of hits) {
          for (const [s, e] of h.marks) expect(0 <= s && s < e && e <= h.snippet.length).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })

  const anyValue = fc.anything({
    maxDepth: 3,
    withBigInt: false,
    withDate: false,
    withMap: false,
    withSet: false,
    withTypedArray: false,
    withSparseArray: false,
  })
  const plausibleWrite = fc.record({
    name: fc.constantFrom(
      'addBookmark',
      'updateBookmark',
      'addNote',
      'updateNote',
      'deleteAnnotation',
      'restoreAnnotation',
      'renameColor',
      'saveReading',
      'purgeAnnotation',
    ),
    args: fc.oneof(
      anyValue,
      fc.record(
        {
          articleId: fc.constantFrom('000_ba4c929e0bb2f9d7', '004_02c1bed588b60a46', 'nope', ''),
          position: fc.record({
            paragraph: fc.integer({ min: -2, max: 30 }),
            start: fc.integer({ min: -5, max: 900 }),
            end: fc.integer({ min: -5, max: 900 }),
          }),
          color: fc.constantFrom('yellow', 'red', 'purple'),
          tags: fc.array(nastyText, { maxLength: 4 }),
          note: nastyText,
        },
        { requiredKeys: ['articleId', 'position'] },
      ),
      fc.record({
        articleId: fc.constantFrom('000_ba4c929e0bb2f9d7', 'x'),
        text: nastyText,
        tags: fc.array(fc.string(), { maxLength: 3 }),
      }),
    ),
  })

  it('no error escapes a handler, and the data file always stays valid', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            plausibleWrite,
            fc.record({
              name: fc.oneof(fc.constantFrom(...callNames), fc.string()),
              args: anyValue,
            }),
          ),
          { maxLength: 8 },
        ),
        async (calls) => {
          for (const { name, args } of calls) {
            if (
              [
                'exportArticle',
                'exportLibrary',
                'exportBackup',
                'importBackup',
                'copyArticleMarkdown',
              ].includes(name)
            )
              continue // need a desktop
            const reply = await dispatch(lectern.handlers, name, args)
            expect(typeof reply.ok).toBe('boolean')
            if (!reply.ok) expect(reply.error.message.length).toBeGreaterThan(0)
          }
          const raw = await readFile(join(dataDir, 'lectern.json'), 'utf8').catch(() => null)
          if (raw !== null) expect(() => parseStoreData(JSON.parse(raw))).not.toThrow()
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('the Markdown export under random quotes, notes and tags', () => {
  const noNul = (s: string): string => s.replace(/\0/g, '')
  const paragraph = nastyText
    .map((s) => noNul(s).replace(/[\r\n]+/g, ' '))
    .filter((s) => s.trim().length > 0)
  // A passage may span paragraphs: joined by blank lines, as the reader's text has them.
  const quote = fc
    .array(paragraph, { minLength: 1, maxLength: 3 })
    .map((paragraphs) => paragraphs.join('\n\n'))
  const note = nastyText.map(noNul)
  const tag = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
    .map((s) =>
      noNul(s)
        .replace(/[,\r\n]/g, '')
        .trim()
        .replace(/^#+/, ''),
    )
    .filter((s) => s.length > 0 && !/^\s/.test(s))

  it('always reads back: quotes, notes and tags exactly (notes with \\n line ends)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quote, note, tags: fc.uniqueArray(tag, { maxLength: 4 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        note,
        (items, articleNote) => {
          const at = '2024-01-01T00:00:00.000Z'
          const bookmarks: PlacedBookmark[] = items.map((it, i) => ({
            id: `b${i}`,
            type: 'bookmark',
            articleId: 'a',
            color: 'blue',
            tags: it.tags,
            note: it.note,
            anchor: {
              quote: { exact: it.quote, prefix: '', suffix: '' },
              position: { paragraph: i, start: 0, end: it.quote.length },
              textHash: '0'.repeat(64),
            },
            created: at,
            modified: at,
            placed: { paragraph: i, start: 0, end: it.quote.length, method: 'position' },
          }))
          const notes: Note[] = [
            {
              id: 'n0',
              type: 'note',
              articleId: 'a',
              text: articleNote,
              tags: [],
              created: at,
              modified: at,
            },
          ]
          const md = articleMarkdown(
            { article: { id: 'a', title: 'T', words: 1, readingMinutes: 1 }, bookmarks, notes },
            { palette: DEFAULT_PALETTE },
          )
          const back = readExport(md)
          const lf = (s: string): string => s.replace(/\r\n?/g, '\n')
          expect(back.bookmarks.map((b) => b.quote)).toEqual(items.map((i) => i.quote))
          // Obsidian's rule: each ^id names the blockquote that holds the whole passage.
          const blocks = obsidianBlocks(md)
          for (const b of back.bookmarks) {
            const block = blocks.get(`lectern-${b.id}`)
            expect(block?.type).toBe('blockquote')
            expect(block && textOf(block).length).toBe(b.quote.replace(/\n\n/g, '').length)
          }
          expect(back.bookmarks.map((b) => b.note)).toEqual(
            items.map((i) => (i.note.trim() ? lf(i.note) : '')),
          )
          // Tags as Obsidian reads them: rewritten to its rule, and valid by it.
          expect(back.bookmarks.map((b) => b.tags)).toEqual(items.map((i) => obsidianTags(i.tags)))
          for (const t of back.bookmarks.flatMap((b) => b.tags)) expect(isObsidianTag(t)).toBe(true)
          expect(back.notes.map((n) => n.text)).toEqual([lf(articleNote)])
        },
      ),
      { numRuns: 200 },
    )
  })
})
