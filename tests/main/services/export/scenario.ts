/**
 * The set-up the export tests and the golden-file script share: a library, a user store in a
 * temporary folder, and annotation and export services whose ids and times are deterministic,
 * so the same steps always give the same bytes.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createAnnotationService,
  type AnnotationService,
} from '../../../../src/main/services/annotations/annotationService'
import {
  createExportService,
  type ExportService,
} from '../../../../src/main/services/export/exportService'
import {
  createArticleLibrary,
  loadArticleLibrary,
  type ArticleLibrary,
} from '../../../../src/main/services/library/articleLibrary'
import { openUserStore, type UserStore } from '../../../../src/main/services/store/userStore'
import type { Article } from '../../../../src/shared/types'
import { SEEDS } from '../../seedLibrary'

/** ISO times one minute apart from `start`: a fresh one on every call. */
export function fixedClock(start = '2024-05-01T09:00:00.000Z'): () => string {
  let at = Date.parse(start)
  return () => {
    const now = new Date(at).toISOString()
    at += 60_000
    return now
  }
}

/** Ids like `bm-001` and `note-001`: set `kind` before adding the item. */
export class Ids {
  kind = 'bm'
  private readonly counts = new Map<string, number>()
  readonly newId = (): string => {
    const n = (this.counts.get(this.kind) ?? 0) + 1
    this.counts.set(this.kind, n)
    return `${this.kind}-${String(n).padStart(3, '0')}`
  }
}

export interface World {
  dataDir: string
  library: ArticleLibrary
  store: UserStore
  annotations: AnnotationService
  exporter: ExportService
  ids: Ids
  now: () => string
  /** Closes the store and deletes the data folder. */
  close(): Promise<void>
}

export async function openWorld(
  library: ArticleLibrary,
  { now = fixedClock(), dataDir }: { now?: () => string; dataDir?: string } = {},
): Promise<World> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'lectern-export-')))
  const store = await openUserStore(dir)
  const ids = new Ids()
  const annotations = createAnnotationService({ store, library, now, newId: ids.newId })
  const exporter = createExportService({ library, annotations, store, now })
  return {
    dataDir: dir,
    library,
    store,
    annotations,
    exporter,
    ids,
    now,
    async close() {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** The character range of `words` in a paragraph, where they must occur exactly once. */
export function passage(
  article: Article,
  paragraph: number,
  words: string,
): { paragraph: number; start: number; end: number } {
  const text = article.paragraphs[paragraph] ?? ''
  const start = text.indexOf(words)
  if (start === -1 || text.indexOf(words, start + 1) !== -1)
    throw new Error(`"${words}" must occur exactly once in paragraph ${paragraph} of ${article.id}`)
  return { paragraph, start, end: start + words.length }
}

export const SEED_IDS = [
  '000_ba4c929e0bb2f9d7',
  '001_ab22bda9c27d4d3a',
  '002_dac4dfd4f164a684',
  '003_074f73b336730d63',
  '004_02c1bed588b60a46',
] as const
const [S000, S001, S002, S003, S004] = SEED_IDS

/** A bookmark's note with the Markdown a reader is likely to write. */
export const MARKDOWN_NOTE = [
  'Netanyahu frames the meeting as a **shared fight**:',
  '',
  '- deconfliction over Syria',
  '- the `hotline` between the two armies',
  '- see [the i24news report](https://www.i24news.tv/en)',
].join('\n')

/** What the earlier edition of seed 002 had at paragraph 5, and the orphan's quote in it. */
export const REMOVED_PARAGRAPH =
  'This paragraph stood in an earlier edition of the article and has since been withdrawn.'
export const ORPHAN_QUOTE = 'stood in an earlier edition of the article'

/**
 * The golden data: a bookmark on every seed, created out of reading order; tags and a
 * Markdown note; an orphan (made against an earlier edition of seed 002); article notes, one
 * with Windows line endings; a renamed colour; and items in the trash, which are not exported.
 */
export async function annotateSeeds(world: World): Promise<void> {
  const { annotations, library, ids } = world
  const seed = (id: string): Article => library.get(id)
  const bookmark = (
    articleId: string,
    paragraph: number,
    words: string,
    more: { color?: 'yellow' | 'red' | 'blue' | 'green'; tags?: string[]; note?: string } = {},
  ) => {
    ids.kind = 'bm'
    return annotations.addBookmark({
      articleId,
      position: passage(seed(articleId), paragraph, words),
      ...more,
    })
  }
  const note = (articleId: string, text: string, tags?: string[]) => {
    ids.kind = 'note'
    return annotations.addNote({ articleId, text, tags })
  }

  // 000: one bookmark and no notes.
  await bookmark(
    S000,
    1,
    'He described the loss of the Ilyushin-20 over the Mediterranean as a result of ‘tragic circumstances’.',
  )

  // 001: the later passage is bookmarked first; tags, a Markdown note, an article note.
  await bookmark(S001, 5, 'we are engaged in a big battle against militant Islam', {
    color: 'blue',
    tags: ['militant-islam', 'quotes'],
    note: MARKDOWN_NOTE,
  })
  await bookmark(S001, 2, 'on the sidelines of the Paris climate summit', {
    color: 'green',
    tags: ['paris'],
  })
  await note(S001, 'Two meetings in three months.\n\nCompare with the June visit (seed 003).', [
    'summary',
    'syria',
  ])

  // 002: a bookmark, a bookmark in the trash, and an orphan made against an earlier edition.
  await bookmark(S002, 10, 'There is also a social connection between Israel and Russia.', {
    color: 'red',
    note: 'Is it social, or financial?\n\n\nThree blank lines above, kept as they are.',
  })
  const trashed = await bookmark(S002, 0, 'Being on the opposite sides in Syria')
  await annotations.remove(trashed.id)
  const current = seed(S002)
  const earlier: Article = {
    ...current,
    paragraphs: current.paragraphs.toSpliced(5, 0, REMOVED_PARAGRAPH),
  }
  ids.kind = 'bm'
  const before = createAnnotationService({
    store: world.store,
    library: createArticleLibrary([earlier]),
    now: world.now,
    newId: ids.newId,
  })
  await before.addBookmark({
    articleId: S002,
    position: passage(earlier, 5, ORPHAN_QUOTE),
    tags: ['removed'],
    note: 'Where did this go?',
  })

  // 003: a red bookmark, red renamed; an article note typed with Windows line endings.
  await annotations.renameColor('red', 'objection')
  await bookmark(S003, 0, 'we are unconditional allies', { color: 'red', tags: ['putin'] })
  await note(S003, 'Written on Windows:\r\nthe exporter writes plain \\n line endings.')

  // 004: a heading, a passage with a footnote mark in brackets, a note with a code block.
  await bookmark(S004, 15, 'an “encrypted telephone line” to speak directly in private', {
    tags: ['putin', 'sources'],
    note: 'Sources cited:\n\n```text\n[12] encrypted telephone line\n```',
  })
  await bookmark(S004, 7, '“We Support Israel”', { color: 'green', tags: ['headings'] })
  const gone = await note(S004, 'A note in the trash.')
  await annotations.remove(gone.id)
  await note(S004, '# Why\n\n1. Trade\n2. Emigration\n\n> The “Russian world”.', ['summary'])
}

/** The seeds with the golden data, in a fresh temporary data folder. */
export async function goldenWorld(): Promise<World> {
  const world = await openWorld(await loadArticleLibrary(SEEDS))
  await annotateSeeds(world)
  return world
}

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/export')
export const GOLDEN_DIR = join(FIXTURES, 'golden')
export const GOLDEN_LIBRARY = join(FIXTURES, 'library.md')
