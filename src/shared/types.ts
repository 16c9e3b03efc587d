/** Data shapes that cross the renderer/main boundary. Plain JSON only. */

/** What the article list needs: everything about an article except its text. */
export interface ArticleSummary {
  /** File name without extension, e.g. `000_ba4c929e0bb2f9d7`; stable across runs. */
  id: string
  title: string
  author?: string
  /** Publication, site or mailing list the text names. */
  source?: string
  /** ISO `YYYY-MM-DD`, only when the text states a full date. */
  date?: string
  /** The address the article was saved from, when known. */
  url?: string
  words: number
  readingMinutes: number
  /** Shipped with Lectern, or imported by the reader. */
  origin?: 'bundled' | 'imported'
  /** When the reader imported it (ISO timestamp); bundled articles have none. */
  added?: string
  /** BCP 47 language tag, when known. */
  language?: string
  /** Right-to-left scripts (Hebrew, Arabic) read right to left. */
  direction?: 'ltr' | 'rtl'
  /** The format it was imported from, e.g. `html`, `markdown`, `text`. */
  format?: string
  /** Tags the file came with (a clipper's front matter). */
  tags?: string[]
}

/** What kind of block a paragraph is, for imported articles (bundled ones are all prose). */
export type BlockKind =
  | { type: 'paragraph' }
  | { type: 'heading'; level: number }
  | { type: 'quote' }
  | { type: 'listItem'; ordered: boolean; depth: number }
  | { type: 'code'; language?: string }
  /** A table row: the paragraph's text is its cells joined by " | ". */
  | { type: 'tableRow'; cells: string[]; header: boolean }
  | { type: 'caption' }

/** A picture of an imported article, drawn before paragraph `before`. */
export interface ArticleImage {
  before: number
  alt: string
  /** A file in the article's folder, read with `getArticleImage`; none for a picture only on the web. */
  file?: string
}

/** An entry of a book's table of contents, pointing at a paragraph. */
export interface OutlineEntry {
  title: string
  paragraph: number
  /** 0 for a top-level entry, 1 for one under it, … */
  depth: number
}

export interface Article extends ArticleSummary {
  /** Body text, one entry per paragraph, re-flowed and free of site chrome. */
  paragraphs: string[]
  /** Indices into `paragraphs` of the short lines that act as section headings. */
  headings: number[]
  /** For imported articles: the kind of each paragraph, in step with `paragraphs`. */
  blocks?: BlockKind[]
  images?: ArticleImage[]
  /** A book's table of contents (an EPUB's navigation), shown for the reader to jump with. */
  outline?: OutlineEntry[]
  /** Where each of a book's chapters starts. */
  sections?: { title: string; paragraph: number }[]
  /** A book's identifier (ISBN, UUID, URN) as it states it. */
  identifier?: string
}

/**
 * Where a passage is: from `start` in paragraph `paragraph` to `end` (exclusive) in paragraph
 * `endParagraph`, which is given only when the passage runs on past its first paragraph.
 */
export interface PassagePosition {
  paragraph: number
  start: number
  end: number
  endParagraph?: number
}

/** The paragraph a passage ends in. */
export const lastParagraphOf = (p: PassagePosition): number => p.endParagraph ?? p.paragraph

/** A character range `[start, end)` inside a string. */
export type Range = [start: number, end: number]

export interface SearchHit {
  /** A paragraph of an article, or one of the reader's bookmarks or notes. */
  kind: 'passage' | 'bookmark' | 'note'
  /** The bookmark or note found, for those kinds. */
  annotationId?: string
  articleId: string
  title: string
  /** 0-based paragraph index (for a bookmark: where its passage is; for a note: 0). */
  paragraph: number
  /** Plain-text excerpt of the paragraph around the best match. */
  snippet: string
  /** Where the matched words sit in `snippet`. */
  marks: Range[]
  score: number
  /** A passage the reader has bookmarked (shown once, not again as its bookmark). */
  bookmarked?: boolean
}

export interface SearchResult {
  query: string
  hits: SearchHit[]
  /** When the query as typed matched nothing: the corrected query the hits answer. */
  showingResultsFor?: string
  /** While the library's index is being built: the hits come from the part that is ready. */
  indexing?: true
}

export interface AppInfo {
  version: string
  dataDir: string
  articleCount: number
}

/* ---------------- Bookmarks, notes and reading state (the user's data) ---------------- */

/** The highlight colours; each has a name the reader can change (e.g. yellow = "key point"). */
export const COLORS = ['yellow', 'red', 'blue', 'green'] as const
export type Color = (typeof COLORS)[number]
export type Palette = Record<Color, { name: string }>

export const DEFAULT_PALETTE: Palette = {
  yellow: { name: 'key point' },
  red: { name: 'disagree' },
  blue: { name: 'evidence' },
  green: { name: 'follow up' },
}

/**
 * Where a bookmarked passage is, in the manner of the W3C Web Annotation model: a text-quote
 * selector (the exact words with some context either side) and a text-position selector
 * (paragraph and character offsets), plus a hash of the article text they were taken from.
 */
export interface Anchor {
  /** For a passage over several paragraphs, `exact` holds them joined by a blank line ("\n\n"). */
  quote: { exact: string; prefix: string; suffix: string }
  position: PassagePosition
  /** SHA-256 (hex) of the article's paragraphs joined with "\n\n", when the bookmark was made. */
  textHash: string
}

/** A saved passage. One record type in the manner of zotero/reader's annotations. */
export interface Bookmark {
  id: string
  type: 'bookmark'
  articleId: string
  color: Color
  tags: string[]
  /** The reader's note on the passage, in Markdown; may be empty. */
  note: string
  anchor: Anchor
  /** ISO timestamps. */
  created: string
  modified: string
  /** Set when the bookmark is in the trash. */
  deleted?: string
  /** Other versions of `note`, written on another computer at the same time; not yet settled. */
  conflicts?: TextConflict[]
}

/** A version of a note's text that lost to the one shown: both were written while apart. */
export interface TextConflict {
  text: string
  /** The computer that wrote it (its device id). */
  device: string
  /** When it was written (ISO). */
  at: string
}

/** One version of a text edited on two computers, as `getConflict` lists it. */
export interface ConflictVersion {
  /** Its number, from 1: the first is the one shown (merged from several when they agreed). */
  n: number
  text: string
  /** The computer that last wrote it: its device id and, when known, its name. */
  device: string
  computer: string
  /** When it was last written (ISO). */
  at: string
  /** Whether this computer wrote it (or wrote part of a merged one). */
  mine: boolean
}

/** A bookmark's note or a note's text with versions written apart that could not be merged. */
export interface ConflictView {
  id: string
  type: 'bookmark' | 'note'
  /** The shown version first, then the others, newest first. */
  versions: ConflictVersion[]
  /** The text the shown version was edited from, when known (a common base). */
  base?: string
}

/** How to settle a conflict: keep one version (`mine`, `theirs` or its number), or a text. */
export type ConflictResolution = { keep: 'mine' | 'theirs' | number } | { text: string }

/** A note on an article as a whole, in Markdown. */
export interface Note {
  id: string
  type: 'note'
  articleId: string
  text: string
  tags: string[]
  created: string
  modified: string
  deleted?: string
  /** Other versions of `text`, written on another computer at the same time; not yet settled. */
  conflicts?: TextConflict[]
}

export type Annotation = Bookmark | Note

/** Where a bookmark's passage was found in the current text of its article. */
export interface ResolvedAnchor extends PassagePosition {
  /** How it was found: at its saved position, by its exact quote elsewhere, or by a fuzzy match. */
  method: 'position' | 'quote' | 'fuzzy'
}

/** A bookmark as the window shows it: its record plus where its passage is now (null: orphaned). */
export interface PlacedBookmark extends Bookmark {
  placed: ResolvedAnchor | null
}

export interface ArticleReading {
  /** How far down the article the reader has scrolled, 0 to 1. */
  progress: number
  /** The paragraph at the top of the view, to restore the position. */
  paragraph: number
  updated: string
  /** Set aside by the reader: listed under "Archived", not with the rest. */
  archived?: string
  /** The reader marked it finished (or read to the end). */
  finished?: string
}

export interface ReadingState {
  lastArticleId?: string
  articles: Record<string, ArticleReading>
}

/** What happened when the data file could not be read, for the window to tell the reader. */
export interface RecoveryNotice {
  /** What was wrong with the file. */
  problem: string
  /** Where the unreadable file was moved. */
  movedTo: string
  /** The backup that was restored, or null when none was usable and Lectern started empty. */
  restoredFrom: string | null
  at: string
}

/** Per-article counts for the library list. */
export interface ArticleCounts {
  bookmarks: number
  notes: number
}

/** The reader's settings and state that the window needs at start. */
export interface UserState {
  palette: Palette
  reading: ReadingState
  counts: Record<string, ArticleCounts>
  trashCount: number
  recovery: RecoveryNotice | null
  /** Every tag in use on live bookmarks and notes, most used first (to suggest as one types). */
  tags: string[]
}

export interface AnnotationList {
  /** In reading order; orphaned bookmarks (placed: null) last. */
  bookmarks: PlacedBookmark[]
  /** Oldest first. */
  notes: Note[]
}

/** What an export did; `cancelled` when the reader closed the file dialog. */
export type ExportOutcome = { cancelled: true } | { cancelled: false; path: string; files: number }

/** What restoring a backup did. */
export type ImportOutcome =
  | { cancelled: true }
  | {
      cancelled: false
      path: string
      added: number
      updated: number
      unchanged: number
      settings: number
    }

/* ---------------- Importing the reader's own articles ---------------- */

/** What to do with an article that looks like one already in the library. */
export type OnSimilar = 'ask' | 'keep-both' | 'replace'

/** What importing one file did. */
export interface FileImport {
  /** The file as the reader knows it: a path, or a dropped file's name within what was dropped. */
  file: string
  status: 'imported' | 'duplicate' | 'similar' | 'failed'
  articleId?: string
  title?: string
  /** Why it failed, for a person: "empty: …", "over 50 MB: …", "not HTML despite its name: …". */
  error?: string
  /** What happened, when worth saying ("already in the library as …", "replaced …"). */
  message?: string
  /** For `similar`: the article already in the library that this one looks like. */
  similarTo?: { id: string; title: string }
  /** For an export of many articles (Omnivore, Pocket…): what became of each. */
  items?: FileImport[]
  /** Highlights from an export that could not be placed in their article's text: kept, orphaned. */
  orphans?: { articleId: string; title: string; quote: string }[]
}

/** An article in the trash, with when it was removed. */
export interface TrashedArticle extends ArticleSummary {
  deleted: string
}

/** Files chosen in File ▸ Import, to be imported one call at a time (so progress shows and can stop). */
export type ImportChoice =
  | { cancelled: true }
  | { cancelled: false; token: string; files: { index: number; name: string }[] }

/* ---------------- The vault folder Lectern keeps up to date ---------------- */

export type ConflictChoice = 'overwrite' | 'keep-theirs' | 'write-beside'

export interface VaultConflict {
  articleId: string
  title: string
  /** The file someone else changed or removed. */
  path: string
  /** Edited since Lectern wrote it, or removed (deleted, or moved away). */
  kind: 'changed' | 'removed'
  /** What Lectern would do to it: write its newer export, or move it to the trash. */
  wants: 'write' | 'trash'
  choices: ConflictChoice[]
  /** The reader chose to keep theirs: Lectern leaves the file alone until told otherwise. */
  held: boolean
}

export interface SyncReport {
  /** Files written (created or updated). */
  written: string[]
  /** Where files of articles without notes any more were moved. */
  trashed: string[]
  /** Files that already said what Lectern would write. */
  unchanged: number
  conflicts: VaultConflict[]
}

export interface VaultStatus {
  /** The folder kept up to date; null when vault sync is off. */
  folder: string | null
  conflicts: VaultConflict[]
  /** What the last sync did. */
  last: SyncReport | null
  /** Why the last sync (or opening the folder) failed, if it did. */
  error: string | null
}

/** Where the window should go: an article, scrolled to a bookmark, a note, or a paragraph. */
export interface LinkRoute {
  articleId: string
  bookmarkId?: string
  noteId?: string
  paragraph?: number
  /** Said to the reader when the link could not be followed all the way. */
  notice?: string
}
