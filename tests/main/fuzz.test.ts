/**
 * Random input thrown at the parser, the search, the handlers' write path: nothing may
 * throw past a handler, the data file must stay valid, and the invariants must hold.
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
import { callNames } from '../../src/shared/contract'

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
