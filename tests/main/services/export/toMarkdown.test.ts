/**
 * The Markdown export: byte-exact golden files for the seeds, and a round trip through a real
 * Markdown parser (readExport) for text that Markdown, HTML, YAML, bidi or line endings could
 * mangle. Whatever the exporter changes on purpose is asserted here as such:
 * - line endings in notes: `\r\n` and a lone `\r` are written as `\n`;
 * - a bookmark note that is only whitespace (by String.prototype.trim) is left out, and reads
 *   back as ''; an article note is always written, whitespace and all.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { exportFileNames } from '../../../../src/main/services/export/fileNames'
import { obsidianTags } from '../../../../src/main/services/export/obsidianTags'
import { lecternLink } from '../../../../src/main/services/links/lecternLink'
import { createArticleLibrary } from '../../../../src/main/services/library/articleLibrary'
import { contract } from '../../../../src/shared/contract'
import type { Article, Bookmark, Color } from '../../../../src/shared/types'
import { article } from '../../seedLibrary'
import {
  isObsidianTag,
  markupOutsideNotes,
  obsidianBlocks,
  readExport,
  readLibraryExport,
  tagsOutsideNotes,
  textOf,
  type ReadArticle,
  type ReadExport,
} from './readExport'
import {
  GOLDEN_DIR,
  GOLDEN_LIBRARY,
  goldenWorld,
  MARKDOWN_NOTE,
  ORPHAN_QUOTE,
  openWorld,
  SEED_IDS,
  type World,
} from './scenario'

/** Line endings as the exporter writes them. */
const lf = (text: string): string => text.replace(/\r\n?/g, '\n')
/** A passage's paragraph breaks as the exporter writes them: each one blank line. */
const paragraphsOf = (quote: string): string =>
  quote
    .split(/\n{2,}/)
    .filter((p) => p !== '')
    .join('\n\n')
/** `2024-05-01T09:00:00.000Z` → `2024-05-01 09:00 UTC`. */
const made = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`

/** What reading an article's export back must give, worked out from the data itself. */
function expectedArticle(world: World, articleId: string): ReadArticle {
  const a = world.library.get(articleId)
  // The service's own order: reading order for bookmarks (orphans last), oldest note first.
  const { bookmarks, notes } = world.annotations.list(articleId)
  const { palette } = world.annotations.userState()
  return {
    title: a.title,
    byline: [a.author, a.source, a.date].filter(Boolean).join(' · ') || null,
    bookmarks: bookmarks.map((b) => ({
      id: b.id,
      quote: paragraphsOf(b.anchor.quote.exact),
      colorName: palette[b.color].name,
      color: b.color,
      tags: obsidianTags(b.tags),
      made: made(b.created),
      orphaned: b.placed === null,
      link: lecternLink({
        articleId: b.articleId,
        bookmarkId: b.id,
        paragraph: b.placed?.paragraph ?? b.anchor.position.paragraph,
      }),
      note: b.note.trim() ? lf(b.note) : '',
    })),
    notes: notes.map((n) => ({
      id: n.id,
      text: lf(n.text),
      tags: obsidianTags(n.tags),
      made: made(n.created),
      link: lecternLink({ articleId: n.articleId, noteId: n.id }),
    })),
  }
}

const unionOfTags = (items: { tags: string[] }[]): string[] =>
  [...new Set(items.flatMap((i) => obsidianTags(i.tags)))].sort()

function expectedExport(world: World, articleId: string): ReadExport {
  const a = world.library.get(articleId)
  const { bookmarks, notes } = world.annotations.list(articleId)
  const frontMatter: Record<string, unknown> = { title: a.title }
  for (const key of ['author', 'source', 'url', 'date'] as const)
    if (a[key]) frontMatter[key] = a[key]
  Object.assign(frontMatter, {
    article_id: a.id,
    lectern: `lectern://article/${a.id}`,
    tags: unionOfTags([...bookmarks, ...notes]),
    bookmarks: bookmarks.length,
  })
  return { frontMatter, ...expectedArticle(world, articleId) }
}

describe('golden files', () => {
  let world: World
  let names: Map<string, string>
  beforeAll(async () => {
    world = await goldenWorld()
    names = exportFileNames(world.library.list())
  })
  afterAll(() => world.close())

  const golden = (id: string): Promise<string> =>
    readFile(join(GOLDEN_DIR, names.get(id) as string), 'utf8')

  it.each(SEED_IDS)('exports %s byte for byte as its golden file', async (id) => {
    expect(world.exporter.articleMarkdown(id)).toBe(await golden(id))
  })

  it('writes exactly the golden files into a folder', async () => {
    const folder = join(world.dataDir, 'out')
    const written = await world.exporter.exportLibrary({ folder })
    const expected = (await readdir(GOLDEN_DIR)).sort()
    expect((await readdir(folder)).sort()).toEqual(expected)
    expect(written.files.map((f) => f.slice(folder.length + 1)).sort()).toEqual(expected)
    for (const name of expected) {
      const [got, want] = await Promise.all([
        readFile(join(folder, name)),
        readFile(join(GOLDEN_DIR, name)),
      ])
      expect(got.equals(want), name).toBe(true)
    }
  })

  it('exports the whole library into one file byte for byte as its golden file', async () => {
    const file = join(world.dataDir, 'library.md')
    await world.exporter.exportLibrary({ file })
    expect(await readFile(file, 'utf8')).toBe(await readFile(GOLDEN_LIBRARY, 'utf8'))
  })

  it('has golden files that say what the data says', async () => {
    for (const id of SEED_IDS) {
      const md = await golden(id)
      expect(readExport(md)).toEqual(expectedExport(world, id))
      expectIdsOnTheirBlocks(md, readExport(md))
    }
    const frontMatterKeys = Object.keys(readExport(await golden(SEED_IDS[1])).frontMatter)
    expect(frontMatterKeys).toEqual([
      'title',
      'author',
      'source',
      'date',
      'article_id',
      'lectern',
      'tags',
      'bookmarks',
    ])
  })

  it('has in its golden files the cases they are there for', async () => {
    const [s000, s001, s002, s003, s004] = await Promise.all(
      SEED_IDS.map(async (id) => readExport(await golden(id))),
    )
    // An article with one bookmark and no notes, and no byline.
    expect(s000).toMatchObject({ byline: null, notes: [] })
    expect(s000?.bookmarks).toHaveLength(1)
    // Reading order, not creation order; tags; the Markdown note kept as written.
    expect(s001?.bookmarks.map((b) => b.id)).toEqual(['bm-003', 'bm-002'])
    expect(s001?.bookmarks[1]).toMatchObject({ tags: ['militant-islam', 'quotes'] })
    expect(s001?.bookmarks[1]?.note).toBe(MARKDOWN_NOTE)
    // The orphan comes last, flagged; the bookmark in the trash is not there.
    expect(s002?.bookmarks.map((b) => [b.id, b.orphaned])).toEqual([
      ['bm-004', false],
      ['bm-006', true],
    ])
    expect(s002?.bookmarks[1]?.quote).toBe(ORPHAN_QUOTE)
    // The renamed colour, and Windows line endings written as \n.
    expect(s003?.bookmarks[0]).toMatchObject({ colorName: 'objection', color: 'red' })
    expect(s003?.notes[0]?.text).toBe(
      'Written on Windows:\nthe exporter writes plain \\n line endings.',
    )
    // The note in the trash is not there.
    expect(s004?.notes.map((n) => n.id)).toEqual(['note-004'])
    const library = readLibraryExport(await readFile(GOLDEN_LIBRARY, 'utf8'))
    expect(library.articles.map((a) => a.title)).toEqual(world.library.list().map((a) => a.title))
    expect(library.frontMatter).toEqual({
      title: 'Lectern notes',
      tags: unionOfTags(library.articles.flatMap((a) => [...a.bookmarks, ...a.notes])),
      articles: 5,
      bookmarks: 8,
    })
  })
})

/**
 * Obsidian's rule, applied to the file as written: the block each `^lectern-…` id names holds
 * the bookmark's quote (a blockquote of its paragraphs) or the note's callout, and no other
 * id is in the file.
 */
function expectIdsOnTheirBlocks(markdown: string, read: ReadArticle): void {
  const blocks = obsidianBlocks(markdown)
  for (const b of read.bookmarks) {
    const block = blocks.get(`lectern-${b.id}`)
    expect(block?.type, b.id).toBe('blockquote')
    const paragraphs = block?.type === 'blockquote' ? block.children : []
    expect(paragraphs.every((p) => p.type === 'paragraph')).toBe(true)
    expect(paragraphs.map((p) => textOf(p)).join('\n\n')).toBe(b.quote)
  }
  for (const n of read.notes) {
    const block = blocks.get(`lectern-${n.id}`)
    expect(block?.type, n.id).toBe('blockquote')
    expect(markdown.slice(block?.position?.start.offset).startsWith('> [!note]')).toBe(true)
  }
  expect(blocks.size).toBe(read.bookmarks.length + read.notes.length)
}

/* ------------------------------------ round trip ------------------------------------ */

const LONG = 'Lorem *ipsum* `dolor` [sit](amet) <b>consectetur</b> # adipiscing | '
const longLine = (length: number): string =>
  LONG.repeat(Math.ceil(length / LONG.length)).slice(0, length)

/** Passages an article might hold: each is bookmarked whole, inside «» in its paragraph. */
const QUOTES: string[] = [
  '# not a heading',
  '## Notes',
  '> not a quote',
  '*star* and **strong** and _under_ and __strong__',
  '`code` and ``double `tick` code``',
  '```js',
  '~~~',
  '| a | b | c |',
  '---',
  '***',
  '=====',
  '[a link](http://x) and ![an image](x.png) and <http://auto.link>',
  '[ref]: http://example.com',
  '1. numbered',
  '1) numbered',
  '- dashed',
  '+ plussed',
  'back\\slash and a trailing backslash\\',
  '\\*escaped\\*',
  '<!-- an unclosed comment',
  '-->',
  '$$ x^2 $$',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<div>a block</div>',
  '&amp; &lt; &#x41; &copy',
  '[!note] a fake callout',
  '^lectern-fake',
  'Colour: key point (yellow) · Tags: #fake',
  'בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם',
  'بِسْمِ ٱللَّٰهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ',
  'שלום world 123 مرحبا (mixed) עברית.',
  '\u200fRLM\u200e and LRM\u202a embedding\u202c',
  '👩‍👩‍👧‍👦 🏳️‍🌈 🇮🇱 🇷🇺 🇵🇸 👍🏽 ❤️‍🔥',
  longLine(50_000),
  '   leading and trailing spaces   ',
  '\ttabs at both ends\t',
  '\u00a0no-break spaces\u00a0',
  '    four spaces: indented code?',
  'ends with a hash #',
  'inner   spaces    kept',
  'e\u0301 combining and \ufeff BOM and \u2028 line separator',
]

/** Notes a reader might write (Markdown, kept as written but for line endings). */
const NOTES: string[] = [
  'A plain note.',
  MARKDOWN_NOTE,
  '# Heading\n## Notes\n^lectern-fake\n---\n> [!note]\n[!warning] nested',
  '---',
  '```js\nan unclosed fence\n\n## Notes\n^lectern-bm-999',
  '~~~\nunclosed tildes',
  '<!-- an unclosed comment\n\n## Notes',
  '<script>alert(1)</script>\n<img src=x onerror=alert(1)>',
  '<div>\n\n*still Markdown*\n\n</div>',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '$$\nx^2\n$$',
  '1. one\n2. two\n   - nested\n+ plus\n- dash',
  '    indented code\n\ttab code',
  '  leading spaces\ntrailing spaces   \nhard break\\\nend',
  'Windows\r\nline\r\n\r\nendings\r\n',
  'an old Mac\rline ending',
  'para 1\n\n\n\npara 2\n\n',
  '\n\nstarts with blank lines',
  '> quoted\n>\n>> nested\n>\n> ',
  'בְּרֵאשִׁית with LTR and 123\nمرحبا بالعالم ✓',
  '👩‍👩‍👧‍👦 🏳️‍🌈 🇮🇱 👍🏽 and a lone \u200d',
  longLine(50_000),
  '\\',
  '>',
  'Tags: #fake, #tags\n\n^lectern-note-999',
  // Only whitespace: a bookmark's is left out, an article note's is kept.
  ' ',
  '\n\n',
  '\t \r\n',
  '\u00a0',
  '',
]

/** Tags as the contract allows them: no commas, not starting with # or a space, ≤ 60 chars. */
const TAGS: string[] = [
  'a*b',
  'עברית',
  '😀',
  'x<y>',
  '_under_',
  '**bold**',
  '`tick`',
  '[x](http://y)',
  '<script>alert(1)</script>',
  'a · b',
  'C#',
  'a#b',
  'back\\',
  'null',
  'true',
  '0x1F',
  '1e3',
  '~',
  '- dash',
  '> gt',
  '1. one',
  '|pipe|',
  '{brace}',
  '[bracket]',
  '?q',
  ':colon',
  '!bang',
  '&amp;',
  '*alias',
  '%pct',
  '@at',
  "'single",
  '"double',
  'two  spaces',
  'שָׁלוֹם',
  'عَرَبِيّ',
  '👩‍👩‍👧‍👦',
  '🇮🇱🇷🇺',
  'e\u0301',
  'x'.repeat(60),
  '---',
  '^lectern-fake',
  'Tags: #x',
  'Colour: red (red)',
]

/** Dozens of durable writes of a data file with 50 000-character notes take a while. */
const SLOW = 60_000
const COLOURS: Color[] = ['yellow', 'red', 'blue', 'green']
const RT = 'rt-hostile'
/** Three tags on most bookmarks, none on every fifth. */
const bookmarkTags = (i: number): string[] =>
  i % 5 === 4 ? [] : [0, 1, 2].map((k) => TAGS[(i * 3 + k) % TAGS.length] as string)
/** Two tags on each article note: between them the notes use every tag. */
const noteTags = (i: number): string[] => [
  TAGS[i % TAGS.length] as string,
  TAGS[(i + NOTES.length) % TAGS.length] as string,
]

/** A synthetic article whose paragraphs hold the hostile passages. */
function hostileArticle(id = RT, title = 'Hostile text'): Article {
  return article(
    id,
    title,
    QUOTES.map((q) => `«${q}»`),
  )
}

/** Bookmarks every passage (or those `pick` keeps) and adds every note, tagged. */
async function annotateHostile(
  world: World,
  articleId = RT,
  pick: (text: string, i: number) => boolean = () => true,
): Promise<void> {
  for (const [i, quote] of QUOTES.entries()) {
    if (!pick(quote, i)) continue
    const input = {
      articleId,
      position: { paragraph: i, start: 1, end: 1 + quote.length },
      color: COLOURS[i % 4] as Color,
      tags: bookmarkTags(i),
      note: NOTES[i % NOTES.length] as string,
    }
    // The battery is what the app lets a reader save: its inputs pass the contract.
    const valid = contract.addBookmark.args.safeParse(input).success
    expect(valid, JSON.stringify(input).slice(0, 80)).toBe(true)
    await world.annotations.addBookmark(input)
  }
  for (const [i, text] of NOTES.entries()) {
    if (!pick(text, i)) continue
    const input = { articleId, text, tags: noteTags(i) }
    expect(contract.addNote.args.safeParse(input).success).toBe(true)
    await world.annotations.addNote(input)
  }
}

describe('round trip through a Markdown parser', () => {
  let world: World
  let markdown: string
  let read: ReadExport
  beforeAll(async () => {
    world = await openWorld(createArticleLibrary([hostileArticle()]))
    await annotateHostile(world)
    markdown = world.exporter.articleMarkdown(RT)
    read = readExport(markdown)
  }, SLOW)
  afterAll(() => world.close())

  it('exports every passage as an exact quote, placed where it was saved', () => {
    const { bookmarks } = world.annotations.list(RT)
    expect(bookmarks.every((b) => b.placed?.method === 'position')).toBe(true)
    expect(read.bookmarks.map((b) => b.quote)).toEqual(QUOTES)
  })

  it('reads back every bookmark, note, tag and the front matter exactly', () => {
    expect(read).toEqual(expectedExport(world, RT))
    const { bookmarks, notes } = world.annotations.list(RT)
    expect(read.frontMatter).toEqual({
      title: 'Hostile text',
      article_id: RT,
      lectern: `lectern://article/${RT}`,
      tags: unionOfTags([...bookmarks, ...notes]),
      bookmarks: QUOTES.length,
    })
    // Every tag that leaves anything Obsidian can use, those YAML would read as null, a
    // boolean, a number or an alias among them, as strings and as valid Obsidian tags.
    const tags = read.frontMatter.tags as string[]
    expect(tags).toEqual(unionOfTags(TAGS.map((t) => ({ tags: [t] }))))
    expect(tags.length).toBeGreaterThan(TAGS.length - 8)
    for (const tag of tags) expect(isObsidianTag(tag), tag).toBe(true)
    for (const tag of read.bookmarks.flatMap((b) => b.tags))
      expect(isObsidianTag(tag), tag).toBe(true)
  })

  it('keeps titles, quotes and tags literal: no markup outside the note callouts', () => {
    expect(markupOutsideNotes(markdown)).toEqual([])
  })

  it('puts each block id right after the block Obsidian gives it: the quote, or the note', () => {
    expectIdsOnTheirBlocks(markdown, read)
  })

  it('writes no tag Obsidian would find in a title, quote or colour name', () => {
    // Quotes and titles hold `#` (`C#`, `Foo #`, `Tags: #fake`): escaped, they are no tags.
    const written = new Set(read.bookmarks.flatMap((b) => b.tags))
    for (const n of read.notes) for (const t of n.tags) written.add(t)
    expect(new Set(tagsOutsideNotes(markdown))).toEqual(written)
  })

  it('keeps the Markdown of notes as written, bar line endings', () => {
    const byText = new Map(read.notes.map((n) => [n.id, n.text]))
    const { notes } = world.annotations.list(RT)
    expect(notes.map((n) => byText.get(n.id))).toEqual(NOTES.map(lf))
    // The normalisations, spelled out.
    expect(byText.get(notes[14]?.id as string)).toBe('Windows\nline\n\nendings\n')
    expect(byText.get(notes[15]?.id as string)).toBe('an old Mac\nline ending')
    expect(byText.get(notes[27]?.id as string)).toBe('\t \n')
    expect(markdown).not.toContain('\r')
  })

  it('leaves out bookmark notes that are only whitespace, and keeps the rest', () => {
    const blank = (note: string): boolean => note.trim() === ''
    for (const [i, b] of read.bookmarks.entries()) {
      const note = NOTES[i % NOTES.length] as string
      expect(b.note, `bookmark ${i}`).toBe(blank(note) ? '' : lf(note))
    }
    // The callout count: one per bookmark with a note, one per article note.
    const withNote = QUOTES.filter((_, i) => !blank(NOTES[i % NOTES.length] as string)).length
    const callouts = markdown.split('\n').filter((l) => l === '> [!note]').length
    expect(callouts).toBe(withNote + NOTES.length)
  })

  it('keeps renamed colours with Markdown, HTML and emoji in them literal', async () => {
    const names: Record<Color, string> = {
      yellow: '*key* point_',
      red: '<b>objection</b> & #1',
      blue: 'נקודה 😀',
      green: '# follow | up `x` [y](z)',
    }
    for (const color of COLOURS) {
      expect(contract.renameColor.args.safeParse({ color, name: names[color] }).success).toBe(true)
      await world.annotations.renameColor(color, names[color])
    }
    const md = world.exporter.articleMarkdown(RT)
    const again = readExport(md)
    expect(again.bookmarks.map((b) => b.colorName)).toEqual(
      QUOTES.map((_, i) => names[COLOURS[i % 4] as Color]),
    )
    expect(again).toEqual(expectedExport(world, RT))
    expect(markupOutsideNotes(md)).toEqual([])
  })

  it(
    'round-trips hostile titles and bylines, and the single-file library export',
    async () => {
      const titles = [
        'Foo #',
        '# Not a heading',
        '<b>HTML</b> & <script>alert(1)</script>',
        '---',
        'שלום עולם 😀 مرحبا',
        'a: b - [c](d) *e* `f`',
        'null',
      ]
      const articles = titles.map((title, i) => ({
        ...hostileArticle(`hostile-${i}`, title),
        author: i % 2 ? `*Auth* <or> ${i}` : undefined,
        source: i % 3 ? '[Source](x) | y' : undefined,
        date: i % 2 ? '2024-02-29' : undefined,
      }))
      const many = await openWorld(createArticleLibrary(articles))
      try {
        for (const a of articles) {
          many.ids.kind = a.id
          // Every fourth item, short ones only: the titles are what this test is about.
          await annotateHostile(many, a.id, (text, i) => i % 4 === 0 && text.length < 1000)
        }
        for (const a of articles) {
          const md = many.exporter.articleMarkdown(a.id)
          expect(readExport(md)).toEqual(expectedExport(many, a.id))
          expect(markupOutsideNotes(md)).toEqual([])
        }
        const file = join(many.dataDir, 'all.md')
        await many.exporter.exportLibrary({ file })
        const library = readLibraryExport(await readFile(file, 'utf8'))
        expect(library.articles).toEqual(articles.map((a) => expectedArticle(many, a.id)))
        const all = many.annotations.list()
        expect(library.frontMatter).toEqual({
          title: 'Lectern notes',
          tags: unionOfTags([...all.bookmarks, ...all.notes]),
          articles: titles.length,
          bookmarks: all.bookmarks.length,
        })
      } finally {
        await many.close()
      }
    },
    SLOW,
  )

  it('reads a NUL in a quote back as U+FFFD, as CommonMark requires of every reader', async () => {
    const nul = await openWorld(createArticleLibrary([article('nul', 'NUL', ['a\u0000b'])]))
    try {
      await nul.annotations.addBookmark({
        articleId: 'nul',
        position: { paragraph: 0, start: 0, end: 3 },
      })
      const md = nul.exporter.articleMarkdown('nul')
      // The file holds the NUL as it is; it is the Markdown reader that replaces it.
      expect(md).toContain('> a\u0000b\n')
      expect(readExport(md).bookmarks[0]?.quote).toBe('a\uFFFDb')
    } finally {
      await nul.close()
    }
  })
})

/* ------------------------------------ determinism ------------------------------------ */

describe('deterministic output', () => {
  let world: World
  beforeAll(async () => {
    world = await goldenWorld()
  })
  afterAll(() => world.close())

  it('gives the same bytes for the same data without a timestamp', async () => {
    for (const id of SEED_IDS) {
      const first = world.exporter.articleMarkdown(id)
      expect(world.exporter.articleMarkdown(id)).toBe(first)
    }
    // And from a second store built by the same steps.
    const twin = await goldenWorld()
    try {
      for (const id of SEED_IDS)
        expect(twin.exporter.articleMarkdown(id)).toBe(world.exporter.articleMarkdown(id))
    } finally {
      await twin.close()
    }
  })

  it('differs only in the exported: line with a timestamp', () => {
    for (const id of SEED_IDS) {
      const bare = world.exporter.articleMarkdown(id).split('\n')
      const first = world.exporter.articleMarkdown(id, { timestamp: true }).split('\n')
      const second = world.exporter.articleMarkdown(id, { timestamp: true }).split('\n')
      const differ = first.flatMap((line, i) => (line === second[i] ? [] : [i]))
      expect(differ).toHaveLength(1)
      const at = differ[0] as number
      expect(first[at]).toMatch(/^exported: /)
      expect(second[at]).toMatch(/^exported: /)
      expect(first.length).toBe(second.length)
      expect(first.toSpliced(at, 1)).toEqual(bare)
      // The time is an ISO string that reads back as one, after the link back to Lectern.
      const fm = readExport(first.join('\n')).frontMatter
      expect(typeof fm.exported).toBe('string')
      expect(new Date(fm.exported as string).toISOString()).toBe(fm.exported)
      expect(first[at - 1]).toBe(`lectern: lectern://article/${id}`)
    }
  })
})

describe('order', () => {
  let world: World
  afterEach(() => world.close())

  it('lists bookmarks in reading order, orphans last, whatever order they were made in', async () => {
    const text = [
      'Alpha beta gamma delta epsilon zeta eta theta.',
      'Iota kappa lambda mu nu xi omicron pi.',
      'Rho sigma tau upsilon phi chi psi omega.',
    ]
    world = await openWorld(createArticleLibrary([article('ord', 'Order', text)]))
    const add = (paragraph: number, start: number, end: number) =>
      world.annotations.addBookmark({ articleId: 'ord', position: { paragraph, start, end } })
    // Made out of order: bm-001 is last in the text, bm-004 first.
    await add(2, 0, 9) // bm-001
    await add(1, 11, 17) // bm-002
    await add(0, 11, 16) // bm-003
    await add(0, 0, 10) // bm-004
    await add(1, 11, 17) // bm-005: the same passage as bm-002, made later
    // An orphan made before all of them: its quote is in no version of the text.
    const orphan: Bookmark = {
      id: 'bm-000',
      type: 'bookmark',
      articleId: 'ord',
      color: 'red',
      tags: [],
      note: '',
      anchor: {
        quote: { exact: 'Zyxwvut qponm lkjih', prefix: '', suffix: '' },
        position: { paragraph: 0, start: 0, end: 19 },
        textHash: '0'.repeat(64),
      },
      created: '2000-01-01T00:00:00.000Z',
      modified: '2000-01-01T00:00:00.000Z',
    }
    await world.store.update((data) => {
      data.bookmarks.unshift(orphan)
    })
    const read = readExport(world.exporter.articleMarkdown('ord'))
    expect(read.bookmarks.map((b) => [b.id, b.orphaned])).toEqual([
      ['bm-004', false],
      ['bm-003', false],
      ['bm-002', false],
      ['bm-005', false],
      ['bm-001', false],
      ['bm-000', true],
    ])
  })

  it('lists notes oldest first, whatever their order in the data file', async () => {
    world = await openWorld(createArticleLibrary([article('ord', 'Order', ['Text.'])]))
    const note = (id: string, created: string) => ({
      id,
      type: 'note' as const,
      articleId: 'ord',
      text: id,
      tags: [],
      created,
      modified: created,
    })
    await world.store.update((data) => {
      data.notes.push(
        note('n-c', '2024-03-01T00:00:00.000Z'),
        note('n-a', '2024-01-01T00:00:00.000Z'),
        note('n-b', '2024-02-01T00:00:00.000Z'),
      )
    })
    const read = readExport(world.exporter.articleMarkdown('ord'))
    expect(read.notes.map((n) => n.id)).toEqual(['n-a', 'n-b', 'n-c'])
    expect(read.bookmarks).toEqual([])
  })
})
