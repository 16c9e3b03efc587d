/**
 * PDF import: Chromium-printed fixtures (tests/fixtures/import/pdf, made by
 * tests/tools/makePdfFixtures.ts) and PDFs written here to put text exactly where a rule
 * needs it, read through the import service (its worker included).
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openLectern } from '../../../../../src/main/lectern'
import { ImportService } from '../../../../../src/main/services/import/importService'
import { NEEDS_TEXT_RECOGNITION } from '../../../../../src/main/services/import/pdf/extractPdf'
import type { Block } from '../../../../../src/main/services/import/types'
import { BLOCKS, TITLE } from '../../../../fixtures/import/pdf/source'
import { column, makePdf, type Run } from './makePdf'
import { fingerprint } from '../fingerprint'

const FIXTURES = join(import.meta.dirname, '../../../../fixtures/import/pdf')
const service = new ImportService()
afterAll(() => service.close())

const extract = (bytes: Uint8Array, name = 'test.pdf') => service.extractBytes(name, bytes)
const texts = (blocks: Block[]): string[] =>
  blocks.map((b) => (b.type === 'image' || b.type === 'tableRow' ? '' : b.text))

describe('PDFs printed by Chromium', { timeout: 120_000 }, () => {
  for (const file of ['one-column.pdf', 'two-columns.pdf'])
    it(`${file}: the printed blocks in order, headings as headings, no header, footer or page number`, async () => {
      const a = await service.extractFile(join(FIXTURES, file))
      expect(a.format).toBe('pdf')
      expect(a.title).toBe(TITLE)
      expect(texts(a.blocks)).toEqual(BLOCKS.map((b) => b.text))
      expect(a.blocks.map((b) => b.type)).toEqual(BLOCKS.map((b) => b.type))
      const level = (text: string): number =>
        (a.blocks.find((b) => b.type === 'heading' && b.text === text) as { level: number }).level
      expect(level('Before the rain')).toBeLessThan(level('What the gauges said'))
      // Words broken across lines at a hyphen come back whole; a compound keeps its hyphen.
      expect(texts(a.blocks).join(' ')).toContain('extraordinarily stable baseflow')
      expect(texts(a.blocks).join(' ')).toContain('A well-known fisherman')
    })

  it('a real specification typeset by pdfTeX: title from its first page, numbered headings by level, paragraphs and list items', async () => {
    const a = await service.extractFile(join(FIXTURES, 'shared-mime-info-spec.pdf'))
    expect(a.title).toBe('Shared MIME-info Database')
    const heading = (text: string) =>
      a.blocks.find((b) => b.type === 'heading' && b.text === text) as { level: number }
    expect(heading('1. Introduction').level).toBeLessThan(heading('1.1. Version').level)
    expect(heading('2.9. The mime.cache files').level).toBe(heading('1.1. Version').level)
    const all = texts(a.blocks)
    expect(all).toContain(
      'This is version 0.21 of the Shared MIME-info Database specification, last updated 2 October 2018.',
    )
    expect(all).toContain('• A standard way of getting the MIME type for a file.')
    expect(all.filter((t) => /^\d{1,3}$/.test(t))).toEqual([])
  })

  it('a real manual typeset by Texinfo: running heads that name the chapter go, its contents become a nested list', async () => {
    const a = await service.extractFile(join(FIXTURES, 'libtasn1-manual.pdf'))
    expect(a.title).toBe('Libtasn1')
    const all = texts(a.blocks)
    // "Chapter 2: ASN.1 structure handling 3" heads only that chapter's pages.
    expect(all.filter((t) => /^(Chapter \d+|Appendix [A-Z]):/.test(t))).toEqual([])
    expect(all.filter((t) => /^\d{1,3}$/.test(t))).toEqual([])
    const entries = a.blocks.filter((b) => b.type === 'listItem')
    expect(entries).toContainEqual({
      type: 'listItem',
      ordered: false,
      depth: 0,
      text: '1 Introduction',
    })
    expect(entries).toContainEqual({
      type: 'listItem',
      ordered: false,
      depth: 1,
      text: '2.2 Naming',
    })
    expect(all.some((t) => /\.\s?\.\s?\.\s?\./.test(t))).toBe(false)
    const heading = (text: string) =>
      a.blocks.find((b) => b.type === 'heading' && b.text === text) as { level: number }
    expect(heading('2 ASN.1 structure handling').level).toBeLessThan(heading('2.2 Naming').level)
    expect(all).toContain(
      'The parser is case sensitive. The comments begin with -- and end either with another --, or at the end of the respective line, whichever comes first. The C-style /*, */ comments are not supported.',
    )
  })

  it('a scan (a page that is only a picture) is imported as needing text recognition', async () => {
    const a = await service.extractFile(join(FIXTURES, 'scanned.pdf'))
    expect(a.tags).toEqual([NEEDS_TEXT_RECOGNITION])
    expect(a.blocks).toHaveLength(1)
    expect(texts(a.blocks)[0]).toMatch(/no text layer.*text recognition/)
  })

  it('a mostly scanned PDF keeps the text it has, with a note that the rest needs recognition', async () => {
    const a = await extract(makePdf([column(body(1), 72, 700), [], []], { title: 'Minutes' }))
    expect(a.tags).toEqual([NEEDS_TEXT_RECOGNITION])
    expect(texts(a.blocks)).toEqual([
      expect.stringMatching(/^2 of this PDF's 3 pages have no text layer.*text recognition/),
      body(1).join(' '),
    ])
  })
})

const body = (n: number): string[] => [
  `Paragraph ${n} begins on this line and runs on`,
  `across a second line of ordinary body text`,
  `and ends here on its third line.`,
]

describe('layout rules', { timeout: 120_000 }, () => {
  it('drops running headers, footers and lone page numbers, keeps the body', async () => {
    const pages: Run[][] = [1, 2, 3].map((p) => [
      { text: 'Annual report of the river board', x: 72, y: 810, size: 8 },
      ...column(body(p), 72, 700),
      { text: `Page ${p} of 3`, x: 270, y: 40, size: 8 },
      { text: String(p), x: 520, y: 28, size: 8 },
    ])
    const a = await extract(makePdf(pages, { title: 'Report' }))
    expect(texts(a.blocks)).toEqual([1, 2, 3].map((n) => body(n).join(' ')))
  })

  it('reads two columns column by column', async () => {
    const left = [
      'Left column starts here and',
      'goes on down the left side',
      'of the page to its end.',
    ]
    const right = ['Right column comes after', 'the left one is finished', 'and ends the article.']
    const a = await extract(
      makePdf([
        [
          ...column([...left, 'A second left paragraph.'], 50, 700),
          ...column([...right, 'A second right paragraph.'], 320, 700),
        ],
      ]),
    )
    expect(texts(a.blocks)).toEqual([
      left.join(' ') + ' A second left paragraph.',
      right.join(' ') + ' A second right paragraph.',
    ])
  })

  it('typeset text: words placed one by one, paragraphs told by their first-line indent', async () => {
    // As TeX writes it: each word a run of its own, no space between paragraphs.
    const words = (line: string, x: number, y: number): Run[] => {
      let at = x
      return line.split(' ').map((w) => {
        const run = { text: w, x: at, y }
        // Wider than any Helvetica word of these letters, so there is a gap after each.
        at += w.length * 7.5 + 3
        return run
      })
    }
    const lines = [
      ['The first paragraph opens here and', 72],
      ['runs on to a second line of text.', 60],
      ['The second paragraph is indented', 72],
      ['like the first, and ends with a mark.¹', 60],
    ] as const
    const runs = lines.flatMap(([line, x], i) => words(line, x, 700 - i * 13))
    // The note mark, raised and smaller, belongs to its line.
    const last = runs[runs.length - 1] as Run
    last.text = last.text.replace('¹', '')
    // Right after "mark." (2.5 em of Helvetica at 11 pt).
    runs.push({ text: '1', x: last.x + 27.6, y: last.y + 4, size: 7 })
    const a = await extract(makePdf([runs]))
    expect(texts(a.blocks)).toEqual([
      'The first paragraph opens here and runs on to a second line of text.',
      'The second paragraph is indented like the first, and ends with a mark.1',
    ])
  })

  it('undoes end-of-line hyphens only where the document says the word is whole', async () => {
    const lines = [
      'The flood was extraor-',
      'dinarily high that year, and a well-',
      'known family of Anglo-',
      'Saxon descent lost its well-known mill.',
    ]
    const a = await extract(makePdf([column(lines, 72, 700)]))
    expect(texts(a.blocks)).toEqual([
      'The flood was extraordinarily high that year, and a well-known family of Anglo-Saxon descent lost its well-known mill.',
    ])
  })

  it('tells headings by size and by weight, larger first', async () => {
    const a = await extract(
      makePdf(
        [
          [
            { text: 'Chapter one', x: 72, y: 760, size: 18 },
            ...column(body(1), 72, 720),
            { text: 'A bold subheading', x: 72, y: 660, size: 11, bold: true },
            ...column(body(2), 72, 640),
          ],
        ],
        { title: 'Weirs' },
      ),
    )
    expect(a.blocks).toEqual([
      { type: 'heading', level: 1, text: 'Chapter one' },
      { type: 'paragraph', text: body(1).join(' ') },
      { type: 'heading', level: 2, text: 'A bold subheading' },
      { type: 'paragraph', text: body(2).join(' ') },
    ])
  })

  it('keeps footnotes at the end of their page, after a paragraph the page break cut', async () => {
    const a = await extract(
      makePdf([
        [
          ...column(
            ['A paragraph that starts on the first page', 'and runs on until the page break cuts'],
            72,
            700,
          ),
          { text: '1 The footnote of the first page.', x: 72, y: 80, size: 8 },
        ],
        [
          ...column(['it, to end on the next page.'], 72, 780),
          ...column(['The second paragraph of the text.'], 72, 750),
        ],
      ]),
    )
    expect(texts(a.blocks)).toEqual([
      'A paragraph that starts on the first page and runs on until the page break cuts it, to end on the next page.',
      '1 The footnote of the first page.',
      'The second paragraph of the text.',
    ])
  })

  it('takes title, author and date from XMP before the document information', async () => {
    const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">The Weir Keeper’s Year</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>Ann Fletcher</rdf:li></rdf:Seq></dc:creator><dc:date><rdf:Seq><rdf:li>2019-06-02</rdf:li></rdf:Seq></dc:date></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
    const withXmp = await extract(
      makePdf([column(body(1), 72, 700)], { title: 'report.docx', author: 'Scanner', xmp }),
    )
    expect([withXmp.title, withXmp.author, withXmp.published]).toEqual([
      'The Weir Keeper’s Year',
      'Ann Fletcher',
      '2019-06-02',
    ])
    const info = await extract(
      makePdf([column(body(1), 72, 700)], { title: 'Notes on Weirs', author: 'B. Reed' }),
    )
    expect([info.title, info.author, info.published]).toEqual([
      'Notes on Weirs',
      'B. Reed',
      '2024-03-15',
    ])
  })
})

describe('hostile PDFs: a clear error, nothing half-written', { timeout: 120_000 }, () => {
  const good = makePdf([column(body(1), 72, 700), column(body(2), 72, 700)])

  it('a PDF that needs a password is refused as encrypted', async () => {
    await expect(
      extract(makePdf([column(body(1), 72, 700)], { passwordProtected: true })),
    ).rejects.toThrow(/^encrypted: this PDF needs a password/)
  })

  it('an encrypted PDF that opens without a password is read like any other', async () => {
    const a = await extract(
      makePdf([column(body(1), 72, 700)], { encryptedOpenToAll: true, title: 'Sealed but open' }),
    )
    expect(a.title).toBe('Sealed but open')
    expect(texts(a.blocks)).toEqual([body(1).join(' ')])
  })

  it('a broken cross-reference table is rebuilt; a PDF with no objects is damaged', async () => {
    const text = Buffer.from(good).toString('latin1')
    const broken = text
      .replace(/startxref\n\d+/, 'startxref\n99')
      .replace(/(\d{10}) 00000 n/g, '0000000001 00000 n')
    const a = await extract(Buffer.from(broken, 'latin1'))
    expect(texts(a.blocks)).toEqual([body(1).join(' '), body(2).join(' ')])
    await expect(
      extract(Buffer.from('%PDF-1.4\nnothing here at all\n%%EOF\n', 'latin1')),
    ).rejects.toThrow(/^damaged: /)
  })

  it('a file cut short is refused, not read in part', async () => {
    await expect(extract(good.subarray(0, Math.floor(good.byteLength * 0.7)))).rejects.toThrow(
      /^damaged: the PDF is cut short/,
    )
  })

  it('a PDF under a name without an extension is recognised by its bytes', async () => {
    const a = await service.extractBytes('saved-report', good)
    expect(a.format).toBe('pdf')
    expect(texts(a.blocks)).toEqual([body(1).join(' '), body(2).join(' ')])
  })

  it('a file named .pdf that is not one says so', async () => {
    await expect(extract(Buffer.from('<html><body>hello</body></html>'))).rejects.toThrow(
      /^not a PDF despite its name/,
    )
  })

  it('a 2 000-page PDF is refused with its length, and the library is left as it was', async () => {
    const pages = Array.from({ length: 2_000 }, (_, p) =>
      column([`Page ${p + 1} of the long report.`], 72, 700),
    )
    const bytes = makePdf(pages)
    const lectern = await openLectern({
      seedsDir: join(import.meta.dirname, '../../../../../seeds'),
      dataDir: await mkdtemp(join(tmpdir(), 'lectern-pdf-')),
      version: 't',
    })
    try {
      await lectern.imported.close()
      const before = await fingerprint(lectern.dataDir)
      const results = await Promise.all([
        lectern.importer().importSource({ file: 'long.pdf', bytes }),
        lectern.importer().importSource({
          file: 'locked.pdf',
          bytes: makePdf([column(body(1), 72, 700)], { passwordProtected: true }),
        }),
      ])
      expect(results.map((r) => [r.status, r.error])).toEqual([
        ['failed', 'too long: 2,000 pages; Lectern imports PDFs of up to 1,000 pages'],
        ['failed', expect.stringMatching(/^encrypted: /)],
      ])
      await lectern.imported.close()
      expect(await fingerprint(lectern.dataDir)).toEqual(before)
    } finally {
      await lectern.close()
    }
  })
})
