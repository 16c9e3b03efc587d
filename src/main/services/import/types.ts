/**
 * What every extractor makes of a file: Lectern's own typed blocks and the article's
 * metadata. Imported HTML never travels further than the extractor; only these plain values do.
 */

export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'quote'; text: string }
  | { type: 'listItem'; text: string; ordered: boolean; depth: number }
  | { type: 'code'; text: string; language?: string }
  /** One row of a table, its cells as plain text. */
  | { type: 'tableRow'; cells: string[]; header: boolean }
  | { type: 'caption'; text: string }
  /**
   * A picture: `src` is a file beside the page (absolute path), a `data:` URI, a name in the
   * article's own `files` (a book's or web archive's pictures), or a web address that is
   * never fetched (the reader shows `alt` instead).
   */
  | { type: 'image'; alt: string; src?: string; origin: 'file' | 'embedded' | 'web' }

export interface ArticleMetadata {
  title: string
  author?: string
  /** Site, publication or mailing list. */
  siteName?: string
  /** ISO `YYYY-MM-DD`. */
  published?: string
  /** Canonical address of the article on the web. */
  url?: string
  /** BCP 47 language tag, e.g. `he` or `en-GB`. */
  language?: string
  direction: 'ltr' | 'rtl'
  tags?: string[]
}

/** An entry of a book's table of contents: where it points, as an index into `blocks`. */
export interface OutlinePoint {
  title: string
  /** 0 for a top-level entry, 1 for one under it, … */
  depth: number
  block: number
}

export interface ExtractedArticle extends ArticleMetadata {
  blocks: Block[]
  /** A book's table of contents (EPUB navigation document or NCX). */
  outline?: OutlinePoint[]
  /** Where each of a book's chapters (content documents) starts, by block index. */
  sections?: { title: string; block: number }[]
  /** A book's identifier (ISBN, UUID, URN) as its package states it. */
  identifier?: string
  /**
   * Pictures that came inside the file (an EPUB's images, a web archive's parts), by the
   * `src` their image blocks name; copied into the library with the article.
   */
  files?: Map<string, Uint8Array>
  /** Which extractor read the file, e.g. `html`. */
  format: string
}

/** What an extractor is given: the file's bytes, its path (for files beside it) and hints. */
export interface ExtractInput {
  bytes: Uint8Array
  /** Absolute path of the file, when it came from disk. */
  path?: string
  /** The page's address, when the caller knows it better than the file does. */
  url?: string
  /**
   * For a file that arrived as bytes with others (a dropped "Web page, complete"): the
   * absolute paths, under the same made-up root as `path`, of the files that came with it.
   */
  resources?: string[]
}

/** One per format; the import service picks by file name, then by what the bytes look like. */
export interface Extractor {
  format: string
  /** Lower-case file extensions without the dot, e.g. `['md', 'markdown']`. */
  extensions: string[]
  extract(input: ExtractInput): Promise<ExtractedArticle>
}

/** A failure a person can act on; `message` is shown as is. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly reason:
      | 'too-large'
      | 'empty'
      | 'not-an-article'
      | 'wrong-format'
      | 'unsupported'
      | 'timeout'
      | 'unreadable',
  ) {
    super(message)
    this.name = 'ImportError'
  }
}

/** Words only, in lower case: for telling whether two lines of text say the same thing. */
export const foldWords = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/** The article body as plain text: blocks separated by a blank line (images left out). */
export function blocksToText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'image') return ''
      if (b.type === 'tableRow') return b.cells.join(' | ')
      return b.text
    })
    .filter((t) => t.trim().length > 0)
    .join('\n\n')
}
